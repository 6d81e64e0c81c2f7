package io.priokit.spi;

import io.priokit.net.ProxyOptions;
import io.priokit.net.TlsOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * What a client asks of a transport it creates through a {@link HttpTransportFactory}.
 *
 * @param connectTimeout how long opening a connection may take
 * @param maxConnections the most connections the transport keeps open to one host, where the HTTP
 *     library lets it be set
 * @param callTimeout the longest one attempt may take. Core holds every attempt to it by cancelling
 *     the exchange; an adapter may also give it to its library as the longest a connection may wait
 *     for a byte, a backstop should a library lose a cancellation
 * @param tls how TLS connections are made: trust, client certificate, protocols and HTTP version. An
 *     adapter verifies the server's host name whatever these say
 * @param proxy the HTTP proxy to go through, or {@link ProxyOptions#direct()}; an adapter decides per
 *     request with {@link ProxyOptions#bypasses}, tunnels HTTPS with {@code CONNECT}, and never lets its
 *     library read the JVM's proxy settings by itself
 */
public record TransportOptions(Duration connectTimeout, int maxConnections, Duration callTimeout, TlsOptions tls,
    ProxyOptions proxy) {

  /** Ten seconds to connect, fifty connections, sixty seconds an attempt, default TLS, no proxy. */
  public static final TransportOptions DEFAULTS =
      new TransportOptions(Duration.ofSeconds(10), 50, Duration.ofSeconds(60));

  /**
   * Checks the values.
   *
   * @param connectTimeout how long opening a connection may take
   * @param maxConnections the most connections the transport keeps open to one host, where the HTTP library lets it be set
   * @param callTimeout the longest one attempt may take. Core holds every attempt to it by cancelling the exchange; an adapter may also give it to its library as the longest a connection may wait for a byte, a backstop should a library lose a cancellation
   * @param tls how TLS connections are made
   * @param proxy the HTTP proxy calls go through, or {@link ProxyOptions#direct()}
   */
  public TransportOptions {
    positive(connectTimeout, "connectTimeout");
    positive(callTimeout, "callTimeout");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(proxy, "proxy");
  }

  /**
   * Options with the default TLS and no proxy.
   *
   * @param connectTimeout how long opening a connection may take
   * @param maxConnections the most connections the transport keeps open to one host
   * @param callTimeout the longest one attempt may take
   */
  public TransportOptions(Duration connectTimeout, int maxConnections, Duration callTimeout) {
    this(connectTimeout, maxConnections, callTimeout, TlsOptions.defaults(), ProxyOptions.direct());
  }

  /**
   * These options with another connect timeout.
   *
   * @param connectTimeout the connect timeout
   * @return the changed options
   */
  public TransportOptions withConnectTimeout(Duration connectTimeout) {
    return new TransportOptions(connectTimeout, maxConnections, callTimeout, tls, proxy);
  }

  /**
   * These options with another connection limit.
   *
   * @param maxConnections the connection limit
   * @return the changed options
   */
  public TransportOptions withMaxConnections(int maxConnections) {
    return new TransportOptions(connectTimeout, maxConnections, callTimeout, tls, proxy);
  }

  /**
   * These options with another call timeout.
   *
   * @param callTimeout the call timeout
   * @return the changed options
   */
  public TransportOptions withCallTimeout(Duration callTimeout) {
    return new TransportOptions(connectTimeout, maxConnections, callTimeout, tls, proxy);
  }

  /**
   * These options with other TLS options.
   *
   * @param tls the TLS options
   * @return the changed options
   */
  public TransportOptions withTls(TlsOptions tls) {
    return new TransportOptions(connectTimeout, maxConnections, callTimeout, tls, proxy);
  }

  /**
   * These options with another proxy.
   *
   * @param proxy the proxy options
   * @return the changed options
   */
  public TransportOptions withProxy(ProxyOptions proxy) {
    return new TransportOptions(connectTimeout, maxConnections, callTimeout, tls, proxy);
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(name + " must be positive and at most a day: " + duration);
    }
  }
}
