package io.priokit.transport.vertx;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Lets Vert.x make its TLS connections with a JDK {@link SSLContext} made elsewhere (from the trust
 * and key stores of the options, or given whole), as the other transports do: Vert.x has no setter
 * for one. Vert.x still applies the enabled protocols, SNI and host name verification to every
 * connection's engine; only the key and trust managers come from the context.
 */
final class SslContextEngineOptions extends SSLEngineOptions {

  private final SSLContext context;

  SslContextEngineOptions(SSLContext context) {
    this.context = context;
  }

  @Override
  public SSLEngineOptions copy() {
    return new SslContextEngineOptions(context);
  }

  @Override
  public SslContextFactory sslContextFactory() {
    return new SslContextFactory() {
      private boolean useAlpn;
      private List<String> applicationProtocols = List.of();

      @Override
      public SslContextFactory useAlpn(boolean useAlpn) {
        this.useAlpn = useAlpn;
        return this;
      }

      @Override
      public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
        this.applicationProtocols = applicationProtocols == null ? List.of() : List.copyOf(applicationProtocols);
        return this;
      }

      @Override
      public SslContext create() {
        ApplicationProtocolConfig negotiation = useAlpn && !applicationProtocols.isEmpty()
            ? new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, applicationProtocols)
            : ApplicationProtocolConfig.DISABLED;
        return new JdkSslContext(context, true, null, IdentityCipherSuiteFilter.INSTANCE, negotiation,
            ClientAuth.NONE, null, false);
      }
    };
  }
}
