package io.priokit.transport.apache;

import io.priokit.contract.SmallHeapContract;
import io.priokit.spi.HttpTransportFactory;

/** The Apache transport holds a client to its body bound on a 128 MiB heap. */
class ApacheSmallHeapTest extends SmallHeapContract {

  @Override
  protected HttpTransportFactory transportFactory() {
    return ApacheHttpTransport.factory();
  }
}
