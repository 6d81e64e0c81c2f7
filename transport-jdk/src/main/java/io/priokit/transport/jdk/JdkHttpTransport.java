package io.priokit.transport.jdk;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The transport over {@link java.net.http.HttpClient}: no dependency beyond the JDK, the natural
 * choice for blocking applications.
 *
 * <p>Blocking calls use the JDK client's own {@code send} on the caller's thread, asynchronous ones
 * its {@code sendAsync}. A client created here runs on a bounded pool of daemon threads rather than
 * the JDK's default executor, which starts a thread per exchange under load, and is shared with the
 * other transports of the same settings (see {@link #create(TransportOptions)}).
 */
public final class JdkHttpTransport implements HttpTransport {

  private volatile HttpClient client;
  private final JdkClients.Lease lease;

  private JdkHttpTransport(HttpClient client, JdkClients.Lease lease) {
    this.client = client;
    this.lease = lease;
  }

  /** {@return a transport with the default options: 10 s connect timeout} */
  public static JdkHttpTransport create() {
    return create(TransportOptions.DEFAULTS);
  }

  /**
   * A transport over a JDK {@code HttpClient} on a pool of daemon threads, one per core and at least
   * two, which end when idle. Transports with the same settings share one client: on JDK 21 and later
   * it is shut down when the last of them closes; JDK 17's cannot be shut down, so it stays for the
   * next transport with those settings, and recreating clients does not add a selector thread each
   * time. {@link TransportOptions#maxConnections()} does not apply: the JDK client does not let a
   * pool size be set per client.
   *
   * @param options the connect timeout
   * @return the transport; close it to release its share of the client
   */
  public static JdkHttpTransport create(TransportOptions options) {
    JdkClients.Lease lease = JdkClients.acquire(options);
    return new JdkHttpTransport(lease.client(), lease);
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
   * Refuses new exchanges and gives up this transport's share of the client it created (see
   * {@link #create(TransportOptions)}); a client passed to {@link #using} is left to the caller.
   */
  @Override
  public void close() {
    client = null;
    if (lease != null) {
      lease.release();
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
}
