package io.priokit.transport.jdk;

import io.priokit.contract.HttpTransportContract;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportOptions;

/** The JDK transport against the port's contract. */
class JdkTransportContractTest extends HttpTransportContract {

  @Override
  protected HttpTransport createTransport(TransportOptions options) {
    return JdkHttpTransport.create(options);
  }

  /**
   * The JDK client resends a GET or HEAD once when its connection closes before the first byte of the
   * response ({@code MultiExchange}, {@code ConnectionExpiredException}), on new and pooled
   * connections alike. The only switch is the JVM-wide {@code jdk.httpclient.redirects.retrylimit},
   * which would also break redirects and authentication for every other client in the application,
   * so priokit leaves it alone; the README says so.
   */
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
