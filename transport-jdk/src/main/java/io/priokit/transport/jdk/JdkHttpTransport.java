package io.priokit.transport.jdk;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.PriokitThreads;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.io.IOException;
import java.lang.reflect.Method;
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
 * <p>Blocking calls use the JDK client's own {@code send} on the caller's thread, asynchronous ones
 * its {@code sendAsync}. A client created here runs on a fixed pool of daemon threads rather than the
 * JDK's default executor, which starts a thread per exchange under load.
 */
public final class JdkHttpTransport implements HttpTransport {

  /** {@code HttpClient.shutdownNow()}, which JDK 21 added: found at run time, as this compiles for 17. */
  private static final Method SHUTDOWN_NOW = shutdownNow();

  private volatile HttpClient client;
  private final ExecutorService ownedExecutor;

  private JdkHttpTransport(HttpClient client, ExecutorService ownedExecutor) {
    this.client = client;
    this.ownedExecutor = ownedExecutor;
  }

  /** {@return a transport with the default options: 10 s connect timeout} */
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

  /** {@return a factory for clients that create and own their transport, and for Guice} */
  public static JdkTransportFactory factory() {
    return new JdkTransportFactory();
  }

  /**
   * Sends with the JDK client's own blocking {@code send} on the caller's thread. Interrupting the
   * thread aborts the exchange, which the JDK client does by closing its connection.
   */
  @Override
  public TransportResponse send(TransportRequest request) {
    HttpClient current = open();
    try {
      return toResponse(current.send(toJdk(request), new BoundedBodyHandler(request.maxResponseBytes())));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new TransportFailure(TransportFailure.Kind.INTERRUPTED, "interrupted while waiting", interrupted);
    } catch (IOException | RuntimeException failed) {
      throw TransportFailure.classify(failed);
    }
  }

  /** Sends with the JDK client's {@code sendAsync}; cancelling the returned future cancels the exchange. */
  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        open().sendAsync(toJdk(request), new BoundedBodyHandler(request.maxResponseBytes()));
    CompletableFuture<TransportResponse> result = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
          exchange.cancel(true);
        }
        return cancelled;
      }
    };
    exchange.whenComplete((response, failure) -> {
      if (failure == null) {
        result.complete(toResponse(response));
      } else {
        result.completeExceptionally(TransportFailure.classify(failure));
      }
    });
    return result;
  }

  @Override
  public String name() {
    return "jdk";
  }

  /**
   * Stops the threads this transport started, for a client it created. On JDK 21 and later the
   * client is shut down at once; JDK 17's client has no such method, so its selector thread ends,
   * with its connections, once the client is garbage: this transport drops it here.
   */
  @Override
  public void close() {
    HttpClient closing = client;
    if (ownedExecutor != null && closing != null) {
      client = null;
      ownedExecutor.shutdownNow();
      if (SHUTDOWN_NOW != null) {
        try {
          SHUTDOWN_NOW.invoke(closing);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
          // Closing releases what it can; a failure here leaves nothing the caller could act on.
        }
      }
    }
  }

  private HttpClient open() {
    HttpClient current = client;
    if (current == null) {
      throw TransportFailure.transportClosed(name());
    }
    return current;
  }

  private static HttpRequest toJdk(TransportRequest request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
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

  private static TransportResponse toResponse(HttpResponse<byte[]> response) {
    return TransportResponse.of(response.statusCode(), response.headers(), response.body());
  }

  private static Method shutdownNow() {
    try {
      return HttpClient.class.getMethod("shutdownNow");
    } catch (NoSuchMethodException beforeJdk21) {
      return null;
    }
  }
}
