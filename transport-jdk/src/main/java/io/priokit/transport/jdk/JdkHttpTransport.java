package io.priokit.transport.jdk;

import io.priokit.spi.ContentDecoding;
import io.priokit.spi.ExchangeSupervisor;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.PriokitThreads;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The transport over {@link java.net.http.HttpClient}: no dependency beyond the JDK, the natural
 * choice for blocking applications.
 *
 * <p>Two things are added to the JDK client. Its request timeout stops at the response headers, so
 * an {@link ExchangeSupervisor} holds every exchange, body included, to the request's timeout. And
 * its default executor starts a thread per exchange under load, so a client created here runs on a
 * fixed pool of daemon threads instead.
 */
public final class JdkHttpTransport implements HttpTransport {

  private volatile HttpClient client;
  private final ExecutorService ownedExecutor;
  private final ExchangeSupervisor supervisor = new ExchangeSupervisor("jdk");

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

  @Override
  public TransportResponse send(TransportRequest request) {
    return ExchangeSupervisor.await(sendAsync(request));
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
   * Fails exchanges still in flight and stops the threads this transport started. On JDK 21 and
   * later the client is closed at once; JDK 17's client has no {@code close()}, so its selector
   * thread ends, with its connections, once the client is garbage: this transport drops it here.
   */
  @Override
  public void close() {
    supervisor.close();
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

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing releases what it can; a failure here leaves nothing the caller could act on.
    }
  }
}
