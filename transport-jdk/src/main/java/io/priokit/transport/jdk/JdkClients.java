package io.priokit.transport.jdk;

import io.priokit.net.HttpVersionPolicy;
import io.priokit.net.ProxyOptions;
import io.priokit.net.TlsOptions;
import io.priokit.spi.PriokitThreads;
import io.priokit.spi.TransportOptions;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;

/**
 * The JDK clients of the transports this module creates, one per set of settings, shared by every
 * transport with those settings while any is open. On JDK 21 and later a client is shut down with the
 * last transport that used it. JDK 17's client cannot be shut down (its selector thread and sockets go
 * only when it is garbage collected), so there a client no transport uses is kept for the next
 * transport with the same settings: an application that recreates its priokit clients keeps one
 * selector thread, not one per client until the next full collection. Only the {@value #IDLE_KEPT}
 * most recently released are kept, so that settings which differ every time (a new
 * {@code TlsOptions} per client) leave their clients to the collector rather than pile up.
 */
final class JdkClients {

  /** {@code HttpClient.shutdownNow()}, which JDK 21 added: found at run time, as this compiles for 17. */
  private static final Method SHUTDOWN_NOW = shutdownNow();

  /** How long an idle thread of a client's pool lives: long enough for bursts, short enough to end. */
  private static final Duration IDLE_THREAD = Duration.ofSeconds(5);

  /** How many clients no transport uses are kept on JDK 17. */
  static final int IDLE_KEPT = 4;

  private static final Map<Settings, Shared> CLIENTS = new HashMap<>();

  /** The settings of the clients kept unused on JDK 17, least recently released first. */
  private static final Set<Settings> IDLE = new LinkedHashSet<>();

  private JdkClients() {}

  /** What tells one JDK client from another: what the transport's options set on it. */
  private record Settings(Duration connectTimeout, TlsOptions tls, ProxyOptions proxy) {
    static Settings of(TransportOptions options) {
      return new Settings(options.connectTimeout(), options.tls(), options.proxy());
    }
  }

  /** A client and its executor, its HTTP/2 streams, and how many open transports use them. */
  private static final class Shared {
    final HttpClient client;
    final ThreadPoolExecutor executor;
    final StreamWaits streams = new StreamWaits();
    int users;

    Shared(HttpClient client, ThreadPoolExecutor executor) {
      this.client = client;
      this.executor = executor;
    }
  }

  /** One transport's use of a shared client; {@link #release()} once, when the transport closes. */
  static final class Lease {
    private final Settings settings;
    private final Shared shared;
    private boolean released;

    private Lease(Settings settings, Shared shared) {
      this.settings = settings;
      this.shared = shared;
    }

    HttpClient client() {
      return shared.client;
    }

    /** The exchanges waiting for an HTTP/2 stream of the shared client, of every transport on it. */
    StreamWaits streams() {
      return shared.streams;
    }

    void release() {
      synchronized (CLIENTS) {
        if (released) {
          return;
        }
        released = true;
        if (--shared.users > 0) {
          return;
        }
        if (SHUTDOWN_NOW != null) {
          CLIENTS.remove(settings);
          shutDown(shared);
          return;
        }
        IDLE.add(settings);
        if (IDLE.size() > IDLE_KEPT) {
          Settings eldest = IDLE.iterator().next();
          IDLE.remove(eldest);
          // Dropped, not shut down: the collector ends its selector thread and closes its sockets.
          CLIENTS.remove(eldest);
        }
      }
    }
  }

  /**
   * A client for a transport with these options, on a pool of daemon threads (one per core, at least
   * two, ending when idle) rather than the JDK's default executor, which starts a thread per exchange.
   */
  static Lease acquire(TransportOptions options) {
    Settings settings = Settings.of(options);
    synchronized (CLIENTS) {
      Shared shared = CLIENTS.computeIfAbsent(settings, JdkClients::build);
      IDLE.remove(settings);
      shared.users++;
      return new Lease(settings, shared);
    }
  }

  private static Shared build(Settings settings) {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, IDLE_THREAD.toMillis(),
        TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), PriokitThreads.factory("priokit-jdk"));
    executor.allowCoreThreadTimeOut(true);
    TlsOptions tls = settings.tls();
    SSLParameters parameters = tls.sslContext().getDefaultSSLParameters();
    parameters.setProtocols(tls.protocols().toArray(String[]::new));
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .sslContext(tls.sslContext())
        .sslParameters(parameters)
        .version(tls.httpVersion() == HttpVersionPolicy.HTTP_1_1 ? HttpClient.Version.HTTP_1_1
            : HttpClient.Version.HTTP_2)
        // Always a selector of priokit's: left unset, the JDK client follows the JVM's proxy settings.
        .proxy(new ProxyRoute(settings.proxy()))
        .build();
    return new Shared(client, executor);
  }

  private static void shutDown(Shared shared) {
    shared.executor.shutdownNow();
    try {
      SHUTDOWN_NOW.invoke(shared.client);
    } catch (ReflectiveOperationException | RuntimeException ignored) {
      // Shutting down releases what it can; a failure here leaves nothing the caller could act on.
    }
  }

  private static Method shutdownNow() {
    try {
      return HttpClient.class.getMethod("shutdownNow");
    } catch (NoSuchMethodException beforeJdk21) {
      return null;
    }
  }
}
