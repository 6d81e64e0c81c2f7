package io.priokit.internal;

import io.priokit.error.ConfigurationException;
import io.priokit.spi.HttpTransportFactory;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the transport on the class path, the way the AWS SDK finds its HTTP client: with exactly one
 * present it is used; with several the caller must choose, and the error says how; it never guesses.
 */
public final class TransportDiscovery {

  /** System property that chooses a transport by name when several are on the class path. */
  public static final String PROPERTY = "priokit.transport";

  private TransportDiscovery() {}

  /**
   * The transport factory to use when the caller named none.
   *
   * @param classLoader where to look
   * @return the only factory found, or the one the {@value #PROPERTY} property names
   * @throws ConfigurationException when none is found, or several and none is chosen
   */
  public static HttpTransportFactory find(ClassLoader classLoader) {
    List<HttpTransportFactory> found = load(classLoader);
    String chosen = System.getProperty(PROPERTY);
    if (chosen != null && !chosen.isBlank()) {
      return named(chosen.strip(), found);
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      throw new ConfigurationException("No priokit transport on the class path: add one of "
          + "priokit-transport-jdk, priokit-transport-apache or priokit-transport-vertx, "
          + "or pass a transport to the builder's transport(...).");
    }
    throw new ConfigurationException("Several priokit transports on the class path (" + names(found)
        + "): choose one with the builder's transport(...), for example transport(\""
        + found.get(0).name() + "\"), or with -D" + PROPERTY + "=" + found.get(0).name() + ".");
  }

  /**
   * The transport factory of a given name.
   *
   * @param name such as {@code jdk}, {@code apache} or {@code vertx}
   * @param classLoader where to look
   * @return the factory
   * @throws ConfigurationException naming the transports that are present when none has that name
   */
  public static HttpTransportFactory named(String name, ClassLoader classLoader) {
    return named(name, load(classLoader));
  }

  private static HttpTransportFactory named(String name, List<HttpTransportFactory> found) {
    return found.stream()
        .filter(factory -> factory.name().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(() -> new ConfigurationException("No priokit transport named '" + name
            + "' on the class path" + (found.isEmpty() ? "" : " (found: " + names(found) + ")")
            + ": add priokit-transport-" + name.toLowerCase(java.util.Locale.ROOT) + " as a dependency."));
  }

  private static List<HttpTransportFactory> load(ClassLoader classLoader) {
    return ServiceLoader.load(HttpTransportFactory.class, classLoader).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(HttpTransportFactory::name))
        .toList();
  }

  private static String names(List<HttpTransportFactory> found) {
    return found.stream().map(HttpTransportFactory::name).collect(Collectors.joining(", "));
  }
}
