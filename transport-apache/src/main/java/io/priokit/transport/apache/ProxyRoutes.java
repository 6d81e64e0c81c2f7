package io.priokit.transport.apache;

import io.priokit.net.ProxyOptions;
import org.apache.hc.client5.http.auth.AuthExchange;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Routes each request by {@link ProxyOptions#bypasses}, the rule every transport shares: directly,
 * or through the HTTP proxy (with a {@code CONNECT} tunnel for HTTPS, which HttpClient opens by itself).
 */
final class ProxyRoutes extends DefaultRoutePlanner {

  private final ProxyOptions proxy;
  private final HttpHost proxyHost;
  private final UsernamePasswordCredentials credentials;

  ProxyRoutes(ProxyOptions proxy) {
    super(null);
    this.proxy = proxy;
    this.proxyHost = proxy.isDirect() ? null : new HttpHost(proxy.host(), proxy.port());
    this.credentials = proxy.username().map(user -> new UsernamePasswordCredentials(user,
        proxy.password().orElseThrow().toCharArray())).orElse(null);
  }

  /** The proxy the routes go through, or {@link ProxyOptions#direct()}. */
  ProxyOptions proxy() {
    return proxy;
  }

  @Override
  protected HttpHost determineProxy(HttpHost target, HttpContext context) {
    return proxy.bypasses(target.getHostName()) ? null : proxyHost;
  }

  /**
   * The proxy's credentials, offered to the proxy alone: scoped to its host and port, so that an API
   * answering 401 with a Basic challenge is never sent them. Empty when the proxy has none.
   */
  CredentialsProvider credentials() {
    BasicCredentialsProvider provider = new BasicCredentialsProvider();
    if (credentials != null) {
      provider.setCredentials(new AuthScope(proxy.host(), proxy.port()), credentials);
    }
    return provider;
  }

  /**
   * Has an exchange send the proxy's credentials from the start, as the other transports do: on the
   * {@code CONNECT} of a tunnel, or with a plain request that goes to the proxy itself. Otherwise
   * HttpClient sends them only after a 407, which costs a round trip per connection and, on a plain
   * request with a body, meets proxies that answer before reading the body and reset the connection.
   * HttpClient never puts them on a request inside a tunnel, which goes to the API.
   *
   * @param context the exchange's context
   */
  void authenticateAtOnce(HttpClientContext context) {
    if (credentials == null) {
      return;
    }
    BasicScheme basic = new BasicScheme();
    basic.initPreemptive(credentials);
    AuthExchange exchange = context.getAuthExchange(proxyHost);
    exchange.select(basic);
    exchange.setState(AuthExchange.State.SUCCESS);
  }
}
