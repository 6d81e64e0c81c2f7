package io.priokit.spi;

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
 */
public record TransportOptions(Duration connectTimeout, int maxConnections, Duration callTimeout) {

  /** Ten seconds to connect, fifty connections, sixty seconds an attempt. */
  public static final TransportOptions DEFAULTS =
      new TransportOptions(Duration.ofSeconds(10), 50, Duration.ofSeconds(60));

  /**
   * Checks the values.
   *
   * @param connectTimeout how long opening a connection may take
   * @param maxConnections the most connections the transport keeps open to one host, where the HTTP library lets it be set
   * @param callTimeout the longest one attempt may take. Core holds every attempt to it by cancelling the exchange; an adapter may also give it to its library as the longest a connection may wait for a byte, a backstop should a library lose a cancellation
   */
  public TransportOptions {
    positive(connectTimeout, "connectTimeout");
    positive(callTimeout, "callTimeout");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
  }

  /**
   * These options with another connect timeout.
   *
   * @param connectTimeout the connect timeout
   * @return the changed options
   */
  public TransportOptions withConnectTimeout(Duration connectTimeout) {
    return new TransportOptions(connectTimeout, maxConnections, callTimeout);
  }

  /**
   * These options with another connection limit.
   *
   * @param maxConnections the connection limit
   * @return the changed options
   */
  public TransportOptions withMaxConnections(int maxConnections) {
    return new TransportOptions(connectTimeout, maxConnections, callTimeout);
  }

  /**
   * These options with another call timeout.
   *
   * @param callTimeout the call timeout
   * @return the changed options
   */
  public TransportOptions withCallTimeout(Duration callTimeout) {
    return new TransportOptions(connectTimeout, maxConnections, callTimeout);
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(name + " must be positive and at most a day: " + duration);
    }
  }
}
