package io.priokit.transport.apache;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.priokit.spi.HttpTransportFactory;

/**
 * Binds the Apache HttpClient 5 transport for {@link io.priokit.PriokitModule}: the client it
 * provides creates an {@link ApacheHttpTransport} and closes it with itself.
 */
public final class ApacheTransportModule extends AbstractModule {

  /** Creates the module; it needs no settings of its own. */
  public ApacheTransportModule() {}

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), HttpTransportFactory.class)
        .setBinding().to(ApacheTransportFactory.class);
  }
}
