package io.priokit.transport.vertx;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.priokit.PriokitClient;
import io.priokit.spi.HttpTransportFactory;
import io.vertx.core.Vertx;
import java.util.Objects;

/**
 * Binds the Vert.x transport on the application's {@code Vertx} for {@link io.priokit.PriokitModule},
 * and the {@link VertxSystemHealth} facade. The {@code Vertx} stays the application's to close.
 */
public final class VertxTransportModule extends AbstractModule {

  private final Vertx vertx;

  /**
   * Creates the module over the application's Vert.x instance.
   *
   * @param vertx the application's Vert.x instance
   */
  public VertxTransportModule(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  @Override
  protected void configure() {
    bind(Vertx.class).toInstance(vertx);
    OptionalBinder.newOptionalBinder(binder(), HttpTransportFactory.class)
        .setBinding().to(VertxTransportFactory.class);
  }

  @Provides
  @Singleton
  VertxSystemHealth vertxSystemHealth(PriokitClient client) {
    return VertxSystemHealth.of(client, vertx);
  }
}
