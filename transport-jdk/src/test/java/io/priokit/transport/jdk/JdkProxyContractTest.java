package io.priokit.transport.jdk;

import io.priokit.contract.ProxyContract;
import io.priokit.spi.HttpTransportFactory;

/** The whole client over the JDK transport through a real proxy. */
class JdkProxyContractTest extends ProxyContract {

  @Override
  protected HttpTransportFactory transportFactory() {
    return JdkHttpTransport.factory();
  }
}
