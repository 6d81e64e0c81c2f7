package io.priokit.examples;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import io.priokit.PriokitClient;
import io.priokit.PriokitModule;
import io.priokit.system.SystemHealth;
import io.priokit.system.SystemStatus;
import io.priokit.transport.jdk.JdkTransportModule;
import java.io.PrintStream;

/**
 * A blocking application wired with Guice: a service of the application gets {@link SystemHealth}
 * injected and calls it the way legacy code calls anything, on its own thread, over the JDK
 * transport.
 */
public final class BlockingGuiceExample {

  private BlockingGuiceExample() {}

  /** A service of the application that needs to know whether Prioticket is up. */
  static final class BookingService {
    private final SystemHealth prioticket;

    @Inject
    BookingService(SystemHealth prioticket) {
      this.prioticket = prioticket;
    }

    String readiness() {
      SystemStatus status = prioticket.status();
      return "Prioticket is up (" + status.statusCode() + " in " + status.latency().toMillis() + " ms)";
    }
  }

  /** @param args nothing, {@code --base-uri URI}, or an environment name */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    try (Target target = Target.from(args, out)) {
      Injector injector = Guice.createInjector(
          new PriokitModule(builder -> builder.environment(target.environment()).appName("booking-service")),
          new JdkTransportModule());
      try (PriokitClient client = injector.getInstance(PriokitClient.class)) {
        out.println("transport: " + client.transportName());
        out.println(injector.getInstance(BookingService.class).readiness());
      }
      return 0;
    }
  }
}
