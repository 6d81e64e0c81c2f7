package io.priokit.transport.apache;

import io.priokit.contract.ProxyContract;
import io.priokit.spi.HttpTransportFactory;

/** The whole client over the Apache HttpClient 5 transport through a real proxy. */
class ApacheProxyContractTest extends ProxyContract {

  @Override
  protected HttpTransportFactory transportFactory() {
    return ApacheHttpTransport.factory();
  }

  /** As in {@link ApacheClientContractTest}: HttpClient's own header and wire loggers, named in the README. */
  @Override
  protected boolean isTransportHeaderLogger(String line) {
    return line.startsWith("org.apache.hc.client5.http.headers") || line.startsWith("org.apache.hc.client5.http.wire");
  }
}
