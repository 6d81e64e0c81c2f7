package io.priokit.transport.jdk;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.priokit.spi.HttpTransportFactory;

/**
 * Binds the JDK transport for {@link io.priokit.PriokitModule}: the client it provides creates a
 * {@link JdkHttpTransport} and closes it with itself.
 */
public final class JdkTransportModule extends AbstractModule {

  /** Creates the module; it needs no settings of its own. */
  public JdkTransportModule() {}

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), HttpTransportFactory.class)
        .setBinding().to(JdkTransportFactory.class);
  }
}
