package io.priokit.transport.jdk;

import io.priokit.net.ProxyOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * Chooses the JDK client's route for each request by {@link ProxyOptions#bypasses}, the rule every
 * transport shares: directly, or through the HTTP proxy.
 */
final class ProxyRoute extends ProxySelector {

  private final ProxyOptions proxy;
  private final List<Proxy> throughProxy;

  ProxyRoute(ProxyOptions proxy) {
    this.proxy = proxy;
    // Unresolved: the JDK client resolves the proxy's name when it connects, not once for good here.
    this.throughProxy = proxy.isDirect() ? List.of()
        : List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
  }

  @Override
  public List<Proxy> select(URI uri) {
    return proxy.bypasses(uri.getHost()) ? List.of(Proxy.NO_PROXY) : throughProxy;
  }

  /** A proxy that cannot be reached fails the exchange; there is no other route to try. */
  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    // The failure reaches the exchange itself, typed.
  }
}
