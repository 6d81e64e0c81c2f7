package io.priokit.transport.apache;

import io.priokit.net.ProxyOptions;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Routes each request by {@link ProxyOptions#bypasses}, the rule every transport shares: directly,
 * or through the HTTP proxy (with a {@code CONNECT} tunnel for HTTPS, which HttpClient opens by itself).
 */
final class ProxyRoutes extends DefaultRoutePlanner {

  private final ProxyOptions proxy;
  private final HttpHost proxyHost;

  ProxyRoutes(ProxyOptions proxy) {
    super(null);
    this.proxy = proxy;
    this.proxyHost = proxy.isDirect() ? null : new HttpHost(proxy.host(), proxy.port());
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
    BasicCredentialsProvider credentials = new BasicCredentialsProvider();
    proxy.username().ifPresent(user -> credentials.setCredentials(new AuthScope(proxy.host(), proxy.port()),
        new UsernamePasswordCredentials(user, proxy.password().orElseThrow().toCharArray())));
    return credentials;
  }
}
