package io.priokit.transport.vertx;

import com.google.inject.Module;
import io.priokit.contract.Facade;
import io.priokit.contract.HttpsClientContract;
import io.priokit.spi.HttpTransportFactory;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/** The whole client over the Vert.x transport over TLS, through the Vert.x Future facade too. */
class VertxHttpsClientContractTest extends HttpsClientContract {

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
    return List.of(Facade.BLOCKING, Facade.ASYNC, Facade.named("vertx-future",
        client -> Facade.await(VertxSystemHealth.of(client, vertx).ping().toCompletionStage().toCompletableFuture()),
        client -> Facade.await(VertxSystemHealth.of(client, vertx).status().toCompletionStage().toCompletableFuture())));
  }

  /** The test's shared {@code Vertx} starts event-loop threads as it goes; they are not the transport's. */
  @Override
  protected boolean isTestInfrastructureThread(String name) {
    return super.isTestInfrastructureThread(name) || name.startsWith("vert.x-");
  }

  @AfterAll
  void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
