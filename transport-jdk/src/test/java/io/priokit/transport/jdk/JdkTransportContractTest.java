package io.priokit.transport.jdk;

import com.google.inject.Module;
import io.priokit.contract.TransportContractSuite;
import io.priokit.spi.HttpTransportFactory;

/** The JDK transport against the transport contract. */
class JdkTransportContractTest extends TransportContractSuite {

  @Override
  protected HttpTransportFactory transportFactory() {
    return JdkHttpTransport.factory();
  }

  @Override
  protected Module transportModule() {
    return new JdkTransportModule();
  }

  /** The JDK client cannot be given a pool size. */
  @Override
  protected boolean honoursMaxConnections() {
    return false;
  }
}
