package io.priokit.redis;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.priokit.spi.FairUseBudgetFactory;
import java.util.Objects;

/**
 * Binds a {@link RedisFairUse} as the {@link FairUseBudgetFactory} that {@code PriokitModule} builds
 * its client with, so the injected client shares its fleet's budget and health poller. It only binds:
 * the injector's owner closes the {@link RedisFairUse} after the client.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     new PriokitModule(builder -> builder.environment(Environment.PRODUCTION)),
 *     new JdkTransportModule(),
 *     new RedisFairUseModule(RedisFairUse.builder().uri(redisUri).egress("nat-eu-west-1")
 *         .expectedInstances(20).build()));
 * }</pre>
 */
public final class RedisFairUseModule extends AbstractModule {

  private final RedisFairUse fairUse;

  /**
   * Creates the module over a fleet's budget.
   *
   * @param fairUse the fleet's budget, which the caller closes
   */
  public RedisFairUseModule(RedisFairUse fairUse) {
    this.fairUse = Objects.requireNonNull(fairUse, "fairUse");
  }

  @Override
  protected void configure() {
    bind(RedisFairUse.class).toInstance(fairUse);
    OptionalBinder.newOptionalBinder(binder(), FairUseBudgetFactory.class).setBinding().toInstance(fairUse);
  }
}
