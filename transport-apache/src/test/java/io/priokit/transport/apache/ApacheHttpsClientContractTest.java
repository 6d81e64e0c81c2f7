package io.priokit.transport.apache;

import com.google.inject.Module;
import io.priokit.contract.HttpsClientContract;
import io.priokit.spi.HttpTransportFactory;

/** The whole client over the Apache HttpClient 5 transport over TLS. */
class ApacheHttpsClientContractTest extends HttpsClientContract {

  @Override
  protected HttpTransportFactory transportFactory() {
    return ApacheHttpTransport.factory();
  }

  @Override
  protected Module transportModule() {
    return new ApacheTransportModule();
  }

  /**
   * HttpClient's own {@code headers} and {@code wire} loggers print every request header, the
   * {@code Authorization} of token and API calls included, when set to DEBUG; the README says to keep
   * them above DEBUG in production.
   */
  @Override
  protected boolean isTransportHeaderLogger(String line) {
    return line.startsWith("org.apache.hc.client5.http.headers") || line.startsWith("org.apache.hc.client5.http.wire");
  }
}
