package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.error.ConfigurationException;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.HttpTransportFactory;
import io.priokit.spi.TransportOptions;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportDiscoveryTest {

  @TempDir
  Path classPath;

  @AfterEach
  void clearChoice() {
    System.clearProperty(TransportDiscovery.PROPERTY);
  }

  @Test
  void theOnlyTransportIsFound() throws IOException {
    assertThat(TransportDiscovery.find(registering(Alpha.class)).name()).isEqualTo("alpha");
  }

  @Test
  void noTransportSaysWhichModulesToAdd() throws IOException {
    assertThatThrownBy(() -> TransportDiscovery.find(registering()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("priokit-transport-jdk, priokit-transport-apache or priokit-transport-vertx");
  }

  @Test
  void severalTransportsAreNamedWithHowToChoose() throws IOException {
    assertThatThrownBy(() -> TransportDiscovery.find(registering(Beta.class, Alpha.class)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("(alpha, beta)")
        .hasMessageContaining("transport(\"alpha\")")
        .hasMessageContaining("-Dpriokit.transport=alpha");
  }

  @Test
  void thePropertyChoosesAmongSeveral() throws IOException {
    System.setProperty(TransportDiscovery.PROPERTY, "beta");

    assertThat(TransportDiscovery.find(registering(Alpha.class, Beta.class)).name()).isEqualTo("beta");
  }

  @Test
  void anUnknownNameListsTheTransportsPresent() throws IOException {
    assertThatThrownBy(() -> TransportDiscovery.named("gamma", registering(Alpha.class)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("No priokit transport named 'gamma'")
        .hasMessageContaining("found: alpha");
  }

  /** A class loader whose class path registers exactly the given factories. */
  private ClassLoader registering(Class<?>... factories) throws IOException {
    Path services = classPath.resolve("META-INF/services");
    Files.createDirectories(services);
    StringBuilder lines = new StringBuilder();
    for (Class<?> factory : factories) {
      lines.append(factory.getName()).append('\n');
    }
    Files.writeString(services.resolve(HttpTransportFactory.class.getName()), lines);
    return new URLClassLoader(new URL[] {classPath.toUri().toURL()}, getClass().getClassLoader()) {
      @Override
      public java.util.Enumeration<URL> getResources(String name) throws IOException {
        // Only this class path's registrations: the test class path may register real transports.
        return findResources(name);
      }
    };
  }

  /** A factory that only has a name: discovery never creates a transport. */
  private abstract static class NamedFactory implements HttpTransportFactory {
    private final String name;

    NamedFactory(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public HttpTransport create(TransportOptions options) {
      throw new UnsupportedOperationException("discovery only");
    }
  }

  /** A factory registered as {@code alpha}. */
  public static final class Alpha extends NamedFactory {
    public Alpha() {
      super("alpha");
    }
  }

  /** A factory registered as {@code beta}. */
  public static final class Beta extends NamedFactory {
    public Beta() {
      super("beta");
    }
  }
}
