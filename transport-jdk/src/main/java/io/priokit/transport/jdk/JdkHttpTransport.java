package io.priokit.transport.jdk;

import io.priokit.spi.ContentDecoding;
import io.priokit.spi.ExchangeSupervisor;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.PriokitThreads;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The transport over {@link java.net.http.HttpClient}: no dependency beyond the JDK, the natural
 * choice for blocking applications.
 *
 * <p>Blocking calls use the JDK client's own {@code send}; asynchronous ones its {@code sendAsync}.
 * Two things are added. Its request timeout stops at the response headers, so the body is held to
 * the rest of the timeout too ({@link DeadlineBodyHandler} when blocking, an
 * {@link ExchangeSupervisor} when asynchronous). And its default executor starts a thread per
 * exchange under load, so a client created here runs on a fixed pool of daemon threads instead.
 */
public final class JdkHttpTransport implements HttpTransport {

  private volatile HttpClient client;
  private final ExecutorService ownedExecutor;
  private final ExchangeSupervisor supervisor = new ExchangeSupervisor("jdk");
  private final Set<BlockingSender> blockingSenders = ConcurrentHashMap.newKeySet();

  private JdkHttpTransport(HttpClient client, ExecutorService ownedExecutor) {
    this.client = client;
    this.ownedExecutor = ownedExecutor;
  }

  /** A transport with the default options: 10 s connect timeout. */
  public static JdkHttpTransport create() {
    return create(TransportOptions.DEFAULTS);
  }

  /**
   * A transport with its own {@code HttpClient} on a fixed pool of daemon threads, one per core and
   * at least two. {@link TransportOptions#maxConnections()} does not apply: the JDK client does not
   * let a pool size be set per client.
   *
   * @param options the connect timeout
   * @return the transport; close it to release its threads
   */
  public static JdkHttpTransport create(TransportOptions options) {
    ExecutorService executor = Executors.newFixedThreadPool(
        Math.max(2, Runtime.getRuntime().availableProcessors()), PriokitThreads.factory("priokit-jdk"));
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
    return new JdkHttpTransport(client, executor);
  }

  /**
   * A transport over an {@code HttpClient} the caller configured (proxy, TLS, executor). Closing the
   * transport leaves that client to the caller.
   *
   * @param client the client
   * @return the transport
   */
  public static JdkHttpTransport using(HttpClient client) {
    return new JdkHttpTransport(Objects.requireNonNull(client, "client"), null);
  }

  /** A factory for clients that create and own their transport, and for Guice. */
  public static JdkTransportFactory factory() {
    return new JdkTransportFactory();
  }

  /**
   * Sends with the JDK client's own blocking {@code send} on the caller's thread: the request
   * timeout covers the response headers, {@link DeadlineBodyHandler} the body. Closing the transport
   * interrupts the threads blocked here, which the JDK client answers by aborting their exchanges.
   */
  @Override
  public TransportResponse send(TransportRequest request) {
    HttpClient current = client;
    BlockingSender sender = new BlockingSender(Thread.currentThread());
    if (current == null || !blockingSenders.add(sender) || supervisor.isClosed()) {
      blockingSenders.remove(sender);
      throw TransportFailure.transportClosed(name());
    }
    HttpResponse<byte[]> response;
    try {
      response = current.send(toJdk(request),
          new DeadlineBodyHandler(System.nanoTime() + request.timeout().toNanos(), supervisor));
    } catch (InterruptedException interrupted) {
      if (sender.finish()) {
        throw TransportFailure.transportClosed(name());
      }
      Thread.currentThread().interrupt();
      throw new TransportFailure(TransportFailure.Kind.INTERRUPTED, "interrupted while waiting", interrupted);
    } catch (IOException | RuntimeException failed) {
      if (sender.finish()) {
        throw TransportFailure.transportClosed(name());
      }
      throw TransportFailure.classify(failed);
    } finally {
      sender.finish();
      blockingSenders.remove(sender);
    }
    return ContentDecoding.decode(response.statusCode(), response.headers(), response.body());
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    HttpClient current = client;
    return supervisor.supervise(
        () -> current.sendAsync(toJdk(request), HttpResponse.BodyHandlers.ofByteArray()),
        request.timeout(),
        response -> ContentDecoding.decode(response.statusCode(), response.headers(), response.body()),
        TransportFailure::classify);
  }

  @Override
  public String name() {
    return "jdk";
  }

  /**
   * Fails exchanges still in flight, blocking ones included, and stops the threads this transport
   * started. On JDK 21 and
   * later the client is closed at once; JDK 17's client has no {@code close()}, so its selector
   * thread ends, with its connections, once the client is garbage: this transport drops it here.
   */
  @Override
  public void close() {
    supervisor.close();
    blockingSenders.forEach(BlockingSender::interruptForClose);
    HttpClient closing = client;
    if (ownedExecutor != null && closing != null) {
      client = null;
      ownedExecutor.shutdownNow();
      if (closing instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
    }
  }

  private static HttpRequest toJdk(TransportRequest request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
        .timeout(request.timeout())
        .method(request.method(), request.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    // Plaintext HTTP/2 would mean an h2c upgrade dance that proxies and simulators handle badly.
    if ("http".equalsIgnoreCase(request.uri().getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    request.headers().forEach(builder::header);
    return builder.build();
  }

  /**
   * A thread blocked in {@code send}, which {@link #close()} may interrupt; the interrupt is the
   * transport's, so it is taken back from the thread once the send is over.
   */
  private static final class BlockingSender {
    private final Thread thread;
    private boolean done;
    private boolean interruptedForClose;

    BlockingSender(Thread thread) {
      this.thread = thread;
    }

    synchronized void interruptForClose() {
      if (!done) {
        interruptedForClose = true;
        thread.interrupt();
      }
    }

    /** Ends the send; returns whether close interrupted it, clearing that interrupt. */
    synchronized boolean finish() {
      done = true;
      if (interruptedForClose) {
        Thread.interrupted();
      }
      return interruptedForClose;
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing releases what it can; a failure here leaves nothing the caller could act on.
    }
  }
}
