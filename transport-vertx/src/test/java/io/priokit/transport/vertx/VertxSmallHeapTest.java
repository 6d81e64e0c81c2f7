package io.priokit.transport.vertx;

import io.priokit.contract.SmallHeapContract;
import io.priokit.spi.HttpTransportFactory;

/** The Vert.x transport holds a client to its body bound on a 128 MiB heap. */
class VertxSmallHeapTest extends SmallHeapContract {

  @Override
  protected HttpTransportFactory transportFactory() {
    return VertxHttpTransport.factory();
  }
}
