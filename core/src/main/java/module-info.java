/**
 * priokit's core: the client, the System domain, the error taxonomy, the observation hooks and the
 * transport port. The request pipeline in {@code io.priokit.internal} is not exported.
 */
module io.priokit.core {
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static com.google.guice;

  exports io.priokit;
  exports io.priokit.auth;
  exports io.priokit.error;
  exports io.priokit.net;
  exports io.priokit.observe;
  exports io.priokit.spi;
  exports io.priokit.system;

  // Guice reads PriokitModule's @Provides methods reflectively.
  opens io.priokit to com.google.guice;

  uses io.priokit.spi.HttpTransportFactory;
}
