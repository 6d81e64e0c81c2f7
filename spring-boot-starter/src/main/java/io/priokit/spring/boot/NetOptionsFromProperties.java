package io.priokit.spring.boot;

import io.priokit.error.ConfigurationException;
import io.priokit.net.ProxyOptions;
import io.priokit.net.TlsOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The client's {@link TlsOptions} and {@link ProxyOptions} from {@code priokit.tls.*} and
 * {@code priokit.proxy.*}: none when no property is set, so that the builder keeps its defaults and a
 * customizer may still pass a transport instance. Every mistake is a {@link ConfigurationException}
 * naming the property; none repeats a password.
 */
final class NetOptionsFromProperties {

  private NetOptionsFromProperties() {}

  /** The TLS options, or empty when no {@code priokit.tls.*} property is set. */
  static Optional<TlsOptions> tls(PriokitProperties.Tls tls) {
    PriokitProperties.Store trust = tls.getTrustStore();
    PriokitProperties.Store keys = tls.getKeyStore();
    requireLocationFor(trust, "trust-store");
    requireLocationFor(keys, "key-store");
    if (trust.getLocation() == null && keys.getLocation() == null && tls.getProtocols() == null
        && tls.getHttpVersion() == null) {
      return Optional.empty();
    }
    TlsOptions.Builder builder = TlsOptions.builder();
    if (trust.getLocation() != null) {
      named("priokit.tls.trust-store",
          () -> builder.trustStore(trust.getLocation(), trust.getType(), trust.getPassword()));
    }
    if (keys.getLocation() != null) {
      if (keys.getPassword() == null) {
        throw new ConfigurationException("priokit.tls.key-store.password is not set: a client certificate's key "
            + "store needs its password, which is also its key's.");
      }
      named("priokit.tls.key-store", () -> builder.keyStore(keys.getLocation(), keys.getType(), keys.getPassword()));
    }
    if (tls.getProtocols() != null) {
      named("priokit.tls.protocols", () -> builder.protocols(tls.getProtocols()));
    }
    if (tls.getHttpVersion() != null) {
      builder.httpVersion(tls.getHttpVersion());
    }
    return Optional.of(builder.build());
  }

  /**
   * The proxy options, or empty when no {@code priokit.proxy.*} property is set: calls then go
   * directly, as the builder has it.
   */
  static Optional<ProxyOptions> proxy(PriokitProperties.Proxy proxy) {
    List<String> others = setBesideTheHost(proxy);
    if (proxy.isUseSystemProperties()) {
      if (proxy.getHost() != null || !others.isEmpty()) {
        throw new ConfigurationException("priokit.proxy.use-system-properties reads the proxy from the JVM's "
            + "https.proxyHost, https.proxyPort, http.nonProxyHosts, https.proxyUser and https.proxyPassword: "
            + "leave priokit.proxy.host, port, username, password and no-proxy unset, or turn it off.");
      }
      return Optional.of(ProxyOptions.fromSystemProperties());
    }
    if (proxy.getHost() == null) {
      if (!others.isEmpty()) {
        throw new ConfigurationException("priokit.proxy." + others.get(0) + " is set but priokit.proxy.host is "
            + "not: name the proxy, or leave the proxy properties unset for direct calls.");
      }
      return Optional.empty();
    }
    if (proxy.getPort() == null) {
      throw new ConfigurationException("priokit.proxy.port is not set: give the proxy's port, and its host "
          + "alone in priokit.proxy.host, without a scheme, user or password.");
    }
    ProxyOptions.Builder builder = ProxyOptions.http(proxy.getHost(), proxy.getPort());
    if ((proxy.getUsername() == null) != (proxy.getPassword() == null)) {
      throw new ConfigurationException("priokit.proxy.username and priokit.proxy.password go together: set both "
          + "for a proxy that asks for Basic credentials, or neither.");
    }
    if (proxy.getUsername() != null) {
      builder.credentials(proxy.getUsername(), proxy.getPassword());
    }
    if (proxy.getNoProxy() != null) {
      builder.noProxy(proxy.getNoProxy());
    }
    return Optional.of(builder.build());
  }

  private static void requireLocationFor(PriokitProperties.Store store, String name) {
    if (store.getLocation() == null && store.getPassword() != null) {
      throw new ConfigurationException("priokit.tls." + name + ".password is set but priokit.tls." + name
          + ".location is not: give the store's file.");
    }
  }

  /** The names of the proxy properties set other than the host. */
  private static List<String> setBesideTheHost(PriokitProperties.Proxy proxy) {
    return Stream.of(
            proxy.getPort() != null ? "port" : null,
            proxy.getUsername() != null ? "username" : null,
            proxy.getPassword() != null ? "password" : null,
            proxy.getNoProxy() != null ? "no-proxy" : null)
        .filter(Objects::nonNull).toList();
  }

  /** Runs a step of the TLS builder, naming the property in what it refuses. */
  private static void named(String property, Runnable step) {
    try {
      step.run();
    } catch (ConfigurationException refused) {
      throw new ConfigurationException(property + ": " + refused.getMessage(), refused);
    }
  }
}
