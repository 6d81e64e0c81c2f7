package io.priokit.transport.apache;

import io.priokit.contract.HttpsTransportContract;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportOptions;

/** The Apache HttpClient 5 transport against the port's contract over TLS. */
class ApacheHttpsTransportContractTest extends HttpsTransportContract {

  @Override
  protected HttpTransport createTransport(TransportOptions options) {
    return ApacheHttpTransport.create(options);
  }
}
