package io.priokit.transport.vertx;

import com.google.inject.Module;
import io.priokit.contract.Facade;
import io.priokit.contract.ClientContract;
import io.priokit.spi.HttpTransportFactory;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/** The whole client over the Vert.x transport, through the Vert.x Future facade too. */
class VertxClientContractTest extends ClientContract {

  private final Vertx vertx = Vertx.vertx();

  @Override
  protected HttpTransportFactory transportFactory() {
    return VertxHttpTransport.factory(vertx);
  }

  @Override
  protected Module transportModule() {
    return new VertxTransportModule(vertx);
  }

  @Override
  protected List<Facade> facades() {
    return SharedVertx.facadesWithFuture(vertx);
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
