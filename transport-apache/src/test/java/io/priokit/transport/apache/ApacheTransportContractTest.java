package io.priokit.transport.apache;

import io.priokit.contract.HttpTransportContract;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportOptions;

/** The Apache HttpClient 5 transport against the port's contract. */
class ApacheTransportContractTest extends HttpTransportContract {

  @Override
  protected HttpTransport createTransport(TransportOptions options) {
    return ApacheHttpTransport.create(options);
  }
}
