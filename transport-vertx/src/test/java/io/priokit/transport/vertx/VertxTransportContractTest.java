package io.priokit.transport.vertx;

import io.priokit.contract.HttpTransportContract;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportOptions;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/** The Vert.x transport against the port's contract, on a shared {@code Vertx} as applications run it. */
class VertxTransportContractTest extends HttpTransportContract {

  private final Vertx vertx = Vertx.vertx();

  @Override
  protected HttpTransport createTransport(TransportOptions options) {
    return VertxHttpTransport.create(vertx, options);
  }

  @Override
  protected boolean isTestInfrastructureThread(String name) {
    return super.isTestInfrastructureThread(name) || SharedVertx.isEventLoopThread(name);
  }

  @AfterAll
  void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
