package io.priokit.contract;

import io.priokit.net.ProxyOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real HTTP proxy for tests: Debian's {@code tinyproxy}, started on a free loopback port with a
 * configuration of its own, optionally asking for Basic credentials, and logging each request it is
 * sent ({@code CONNECT host:port} for a tunnel). Where tinyproxy is not installed the cases that need
 * it are skipped, saying so, unless {@code PRIOKIT_REQUIRE_SERVICES} is set (as CI sets it), which
 * makes that a failure.
 *
 * <p>tinyproxy answers a wrong password with 401 and missing credentials with 407.
 */
public final class TinyProxy implements AutoCloseable {

  /** The environment variable that makes a missing service a failure rather than a skip. */
  public static final String REQUIRE_SERVICES = "PRIOKIT_REQUIRE_SERVICES";

  private final Process process;
  private final Path directory;
  private final int port;

  private TinyProxy(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  /** Starts a proxy that asks for no credentials. */
  public static TinyProxy start() {
    return start(null, null);
  }

  /**
   * Starts a proxy that asks for Basic credentials.
   *
   * @param user the user name it accepts, or {@code null} for none
   * @param password the password it accepts
   */
  public static TinyProxy start(String user, String password) {
    Path binary = binary().orElseGet(() -> {
      String missing = "tinyproxy is not installed (apt-get install tinyproxy): the proxy cases need a real proxy";
      if (servicesRequired()) {
        throw new AssertionError(missing + ", and " + REQUIRE_SERVICES + " is set.");
      }
      Assumptions.abort(missing + "; set " + REQUIRE_SERVICES + "=1 to make this a failure.");
      return null;
    });
    try {
      Path directory = Files.createTempDirectory("priokit-tinyproxy");
      for (int tries = 0; ; tries++) {
        int port = freePort();
        Path config = directory.resolve("tinyproxy.conf");
        Files.writeString(config, "Port " + port + "\nListen 127.0.0.1\nAllow 127.0.0.1\n"
            + (user == null ? "" : "BasicAuth " + user + " " + password + "\n")
            + "LogFile \"" + directory.resolve("tinyproxy.log") + "\"\nLogLevel Connect\n"
            + "PidFile \"" + directory.resolve("tinyproxy.pid") + "\"\nMaxClients 200\nTimeout 60\n");
        // -d keeps it in the foreground, so that destroying the process stops it.
        Process process = new ProcessBuilder(binary.toString(), "-d", "-c", config.toString())
            .redirectErrorStream(true).redirectOutput(directory.resolve("tinyproxy.out").toFile()).start();
        if (awaitListening(process, port)) {
          return new TinyProxy(process, directory, port);
        }
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        if (tries == 2) {
          throw new IllegalStateException("tinyproxy did not start: " + Files.readString(
              directory.resolve("tinyproxy.out")));
        }
      }
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  /** The proxy's port on {@code 127.0.0.1}. */
  public int port() {
    return port;
  }

  /** Options naming this proxy, to add credentials or no-proxy hosts to. */
  public ProxyOptions.Builder options() {
    return ProxyOptions.http("127.0.0.1", port);
  }

  /** The proxy's log so far, one line per entry. */
  public List<String> log() {
    try {
      Path log = directory.resolve("tinyproxy.log");
      return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /** How many tunnels the proxy was asked to open to the host and port. */
  public long tunnelsRequestedTo(String host, int port) {
    String request = "CONNECT " + host + ":" + port + " ";
    return log().stream().filter(line -> line.contains("Request (") && line.contains(request)).count();
  }

  /** How many tunnels the proxy opened to the host: it logs the host only. */
  public long tunnelsOpenedTo(String host) {
    return log().stream().filter(line -> line.contains("Established connection to host \"" + host + "\"")).count();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    } catch (IOException leftBehind) {
      // A temporary directory left behind harms no later test.
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean servicesRequired() {
    String value = System.getenv(REQUIRE_SERVICES);
    return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
  }

  private static Optional<Path> binary() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "tinyproxy")).filter(Files::isExecutable).findFirst();
  }

  private static boolean awaitListening(Process process, int port) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until && process.isAlive()) {
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return true;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
