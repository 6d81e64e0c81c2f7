package io.priokit.transport.apache;

import com.google.inject.Module;
import io.priokit.contract.TransportContractSuite;
import io.priokit.spi.HttpTransportFactory;

/** The Apache HttpClient 5 transport against the transport contract. */
class ApacheTransportContractTest extends TransportContractSuite {

  @Override
  protected HttpTransportFactory transportFactory() {
    return ApacheHttpTransport.factory();
  }

  @Override
  protected Module transportModule() {
    return new ApacheTransportModule();
  }
}
