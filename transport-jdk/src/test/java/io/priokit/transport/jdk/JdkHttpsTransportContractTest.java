package io.priokit.transport.jdk;

import io.priokit.contract.HttpsTransportContract;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportOptions;

/** The JDK transport against the port's contract over TLS. */
class JdkHttpsTransportContractTest extends HttpsTransportContract {

  @Override
  protected HttpTransport createTransport(TransportOptions options) {
    return JdkHttpTransport.create(options);
  }

  /** As over plaintext: see {@link JdkTransportContractTest}. */
  @Override
  protected boolean resendsAGetWhoseConnectionClosesBeforeTheResponse() {
    return true;
  }

  /** The JDK client cannot be given a pool size. */
  @Override
  protected boolean honoursMaxConnections() {
    return false;
  }
}
