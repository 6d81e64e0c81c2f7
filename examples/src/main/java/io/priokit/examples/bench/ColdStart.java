package io.priokit.examples.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.priokit.PriokitClient;
import io.priokit.PriokitModule;
import io.priokit.system.SystemHealth;
import io.priokit.transport.apache.ApacheTransportModule;
import io.priokit.transport.jdk.JdkTransportModule;
import io.priokit.transport.vertx.VertxTransportModule;
import java.lang.management.ManagementFactory;
import java.net.URI;

/**
 * Run in a fresh JVM: the time from the JVM's start to the first successful status call, with the
 * plain builder, with a Guice injector, or with the HTTP library by hand. Prints
 * {@code cold-start-ms N}.
 */
public final class ColdStart {

  private ColdStart() {}

  /** @param args {@code builder|guice|raw jdk|apache|vertx BASE_URI} */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String transport = args[1];
    URI baseUri = URI.create(args[2]);
    Object answer = switch (mode) {
      case "builder" -> viaBuilder(transport, baseUri);
      case "guice" -> viaGuice(transport, baseUri);
      case "raw" -> viaHand(transport, baseUri);
      default -> throw new IllegalArgumentException("mode must be builder, guice or raw: " + mode);
    };
    long firstSuccess = System.currentTimeMillis();
    // Read only now: loading the management classes is not part of the start being measured.
    long started = ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println("cold-start-ms " + (firstSuccess - started) + " " + (answer != null));
    System.exit(0);
  }

  private static Object viaBuilder(String transport, URI baseUri) {
    PriokitClient client = PriokitClient.builder().baseUri(baseUri).transport(transport).build();
    return client.status();
  }

  private static Object viaGuice(String transport, URI baseUri) {
    Module transportModule = switch (transport) {
      case "jdk" -> new JdkTransportModule();
      case "apache" -> new ApacheTransportModule();
      default -> new VertxTransportModule(io.vertx.core.Vertx.vertx());
    };
    Injector injector = Guice.createInjector(new PriokitModule(builder -> builder.baseUri(baseUri)), transportModule);
    return injector.getInstance(SystemHealth.class).status();
  }

  private static Object viaHand(String transport, URI baseUri) throws Exception {
    return StatusCaller.create(transport, "raw", baseUri, 50).call();
  }
}
