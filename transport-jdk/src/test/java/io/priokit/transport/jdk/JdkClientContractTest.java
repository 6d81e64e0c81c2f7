package io.priokit.transport.jdk;

import com.google.inject.Module;
import io.priokit.contract.ClientContract;
import io.priokit.spi.HttpTransportFactory;

/** The whole client over the JDK transport. */
class JdkClientContractTest extends ClientContract {

  @Override
  protected HttpTransportFactory transportFactory() {
    return JdkHttpTransport.factory();
  }

  @Override
  protected Module transportModule() {
    return new JdkTransportModule();
  }

  @Override
  protected boolean closingReleasesConnections() {
    return closingReleasesConnectionsOnThisJdk();
  }

  /** JDK 17's client cannot be shut down; the transport keeps it for the next client (see JdkClients). */
  static boolean closingReleasesConnectionsOnThisJdk() {
    return Runtime.version().feature() >= 21;
  }

  /** The JDK client cannot be given a pool size. */
  @Override
  protected boolean honoursMaxConnections() {
    return false;
  }
}
