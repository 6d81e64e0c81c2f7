package io.priokit.transport.vertx;

import io.priokit.contract.Facade;
import io.priokit.contract.ProxyContract;
import io.priokit.spi.HttpTransportFactory;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/** The whole client over the Vert.x transport through a real proxy, through the Vert.x Future facade too. */
class VertxProxyContractTest extends ProxyContract {

  private final Vertx vertx = Vertx.vertx();

  @Override
  protected HttpTransportFactory transportFactory() {
    return VertxHttpTransport.factory(vertx);
  }

  @Override
  protected List<Facade> facades() {
    return SharedVertx.facadesWithFuture(vertx);
  }

  @AfterAll
  void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
