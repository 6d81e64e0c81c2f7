package io.priokit.transport.jdk;

import io.priokit.contract.SmallHeapContract;
import io.priokit.spi.HttpTransportFactory;

/** The JDK transport holds a client to its body bound on a 128 MiB heap. */
class JdkSmallHeapTest extends SmallHeapContract {

  @Override
  protected HttpTransportFactory transportFactory() {
    return JdkHttpTransport.factory();
  }
}
