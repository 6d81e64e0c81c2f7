package io.priokit.transport.vertx;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.HttpTransportFactory;
import io.priokit.spi.TransportOptions;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/**
 * Creates {@link VertxHttpTransport}s, on the application's {@code Vertx} when given one, else each
 * on a {@code Vertx} of its own. Registered with {@link java.util.ServiceLoader} as {@code vertx}.
 */
public final class VertxTransportFactory implements HttpTransportFactory {

  private final Vertx vertx;

  /** For {@link java.util.ServiceLoader}: every transport gets a {@code Vertx} of its own. */
  public VertxTransportFactory() {
    this.vertx = null;
  }

  /**
   * Creates the factory over the application's Vert.x instance.
   *
   * @param vertx the application's Vert.x instance, which transports run on and never close
   */
  @Inject
  public VertxTransportFactory(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public String name() {
    return "vertx";
  }

  @Override
  public HttpTransport create(TransportOptions options) {
    return vertx == null ? VertxHttpTransport.create(options) : VertxHttpTransport.create(vertx, options);
  }
}
