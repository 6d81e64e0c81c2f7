package io.priokit.transport.jdk;

import com.google.inject.Module;
import io.priokit.contract.HttpsClientContract;
import io.priokit.spi.HttpTransportFactory;

/** The whole client over the JDK transport over TLS. */
class JdkHttpsClientContractTest extends HttpsClientContract {

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
    return JdkClientContractTest.closingReleasesConnectionsOnThisJdk();
  }

  /** The JDK client cannot be given a pool size. */
  @Override
  protected boolean honoursMaxConnections() {
    return false;
  }
}
