package io.priokit.spi;

/**
 * Creates a transport for a client, which then owns it and closes it with itself. Adapters register
 * their factory with {@link java.util.ServiceLoader}, so a client finds the one transport on the
 * class path without being told.
 */
public interface HttpTransportFactory {

  /** {@return the transport's short name, such as {@code jdk}, by which a caller may choose it} */
  String name();

  /**
   * Creates a transport.
   *
   * @param options what the client asks of it
   * @return a new transport, owned by the caller
   */
  HttpTransport create(TransportOptions options);
}
