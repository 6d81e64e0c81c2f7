package io.priokit;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.priokit.spi.HttpTransportFactory;
import io.priokit.system.AsyncSystemHealth;
import io.priokit.system.SystemHealth;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Binds a {@link PriokitClient}, and its {@link SystemHealth} and {@link AsyncSystemHealth} faces,
 * as singletons. It only wires: the client is exactly what {@link PriokitClient#builder()} builds
 * with the same settings. Install a transport module beside it (such as {@code JdkTransportModule}),
 * which binds the {@link HttpTransportFactory}; the injector's owner closes the client.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     new PriokitModule(builder -> builder.environment(Environment.SANDBOX)),
 *     new JdkTransportModule());
 * SystemHealth health = injector.getInstance(SystemHealth.class);
 * }</pre>
 */
public final class PriokitModule extends AbstractModule {

  private final Consumer<PriokitClient.Builder> configuration;

  /**
   * Creates the module with the client configured by {@code configuration}.
   *
   * @param configuration sets the environment, credentials, timeouts and other builder options
   */
  public PriokitModule(Consumer<PriokitClient.Builder> configuration) {
    this.configuration = Objects.requireNonNull(configuration, "configuration");
  }

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), HttpTransportFactory.class);
  }

  @Provides
  @Singleton
  PriokitClient client(Optional<HttpTransportFactory> transportFactory) {
    PriokitClient.Builder builder = PriokitClient.builder();
    transportFactory.ifPresent(builder::transport);
    configuration.accept(builder);
    return builder.build();
  }

  @Provides
  @Singleton
  SystemHealth systemHealth(PriokitClient client) {
    return client;
  }

  @Provides
  @Singleton
  AsyncSystemHealth asyncSystemHealth(PriokitClient client) {
    return client.async();
  }
}
