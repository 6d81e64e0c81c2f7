package io.priokit.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * What a client asks of a transport it creates through a {@link HttpTransportFactory}.
 *
 * @param connectTimeout how long opening a connection may take
 * @param maxConnections the most connections the transport keeps open to one host, where the HTTP
 *     library lets it be set
 */
public record TransportOptions(Duration connectTimeout, int maxConnections) {

  /** Ten seconds to connect, fifty connections. */
  public static final TransportOptions DEFAULTS = new TransportOptions(Duration.ofSeconds(10), 50);

  /** Checks the values. */
  public TransportOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("connectTimeout must be positive and at most a day: " + connectTimeout);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
  }
}
