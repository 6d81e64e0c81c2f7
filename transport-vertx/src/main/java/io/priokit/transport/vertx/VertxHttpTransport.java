package io.priokit.transport.vertx;

import io.priokit.spi.ContentDecoding;
import io.priokit.spi.ExchangeSupervisor;
import io.priokit.spi.HeadersBuilder;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The transport over Vert.x's HTTP client, for reactive Vert.x applications: exchanges run on the
 * event loop, and a blocking call made on an event-loop thread is refused at once instead of
 * deadlocking. Pair it with {@link VertxSystemHealth} for {@link Future}s that complete on the
 * caller's context.
 *
 * <p>It runs on the HTTP client under the Vert.x Web Client rather than on the Web Client itself:
 * only the HTTP client hands out the request, whose {@link HttpClientRequest#reset()} aborts an
 * exchange that is cancelled or out of time and frees its connection at once.
 */
public final class VertxHttpTransport implements HttpTransport {

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpClientAgent client;
  private final ExchangeSupervisor supervisor = new ExchangeSupervisor("vertx");
  private final TimeSource timeSource;

  private VertxHttpTransport(Vertx vertx, boolean ownsVertx, TransportOptions options) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.timeSource = new VertxTimeSource(vertx);
    this.client = vertx.createHttpClient(
        new HttpClientOptions()
            .setConnectTimeout(Math.toIntExact(options.connectTimeout().toMillis()))
            // gzip is decoded from the whole body by ContentDecoding, as on the JDK transport: cheaper
            // than Netty's decompressor, which sits in every connection's pipeline for every response.
            .setDecompressionSupported(false)
            .setMaxHeaderSize(MAX_RESPONSE_HEADER_BYTES)
            .setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(options.maxConnections()));
  }

  /**
   * A transport on the caller's {@code Vertx}, which the caller keeps and closes.
   *
   * @param vertx the application's Vert.x instance
   * @param options the connect timeout and pool size
   * @return the transport; closing it closes its HTTP client only
   */
  public static VertxHttpTransport create(Vertx vertx, TransportOptions options) {
    return new VertxHttpTransport(Objects.requireNonNull(vertx, "vertx"), false, options);
  }

  /** A transport on the caller's {@code Vertx} with the default options. */
  public static VertxHttpTransport create(Vertx vertx) {
    return create(vertx, TransportOptions.DEFAULTS);
  }

  /**
   * A transport on a {@code Vertx} of its own, for applications that do not run Vert.x themselves.
   *
   * @param options the connect timeout and pool size
   * @return the transport; closing it closes its Vert.x instance
   */
  public static VertxHttpTransport create(TransportOptions options) {
    return new VertxHttpTransport(Vertx.vertx(), true, options);
  }

  /** A factory that gives every transport a {@code Vertx} of its own. */
  public static VertxTransportFactory factory() {
    return new VertxTransportFactory();
  }

  /** A factory whose transports run on the caller's {@code Vertx}. */
  public static VertxTransportFactory factory(Vertx vertx) {
    return new VertxTransportFactory(Objects.requireNonNull(vertx, "vertx"));
  }

  /** The Vert.x instance exchanges run on. */
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public TransportResponse send(TransportRequest request) {
    blockingCallRefusal().ifPresent(reason -> {
      throw new TransportFailure(TransportFailure.Kind.OTHER, reason, null);
    });
    return ExchangeSupervisor.await(sendAsync(request));
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    return supervisor.supervise(() -> exchange(request), request.timeout(), response -> response,
        VertxHttpTransport::classify);
  }

  /**
   * Starts the exchange; cancelling the returned future resets the request and its connection. Each
   * step is composed inside the callback of the one before, so it runs on the connection's event
   * loop before the next event can: a body handler set from another thread could miss a body that
   * came first.
   */
  private CompletableFuture<TransportResponse> exchange(TransportRequest request) {
    CompletableFuture<TransportResponse> exchange = new CompletableFuture<>();
    URI uri = request.uri();
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.valueOf(request.method()))
        .setSsl(tls)
        .setHost(uri.getHost())
        .setPort(uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80)
        .setURI(uri.getRawPath())
        .setIdleTimeout(request.timeout().toMillis())
        .setHeaders(headers(request));
    client.request(options)
        .compose(outgoing -> {
          // Cancelled or out of time while connecting: reset as soon as the request exists.
          exchange.whenComplete((response, failure) -> {
            if (failure != null) {
              outgoing.reset();
            }
          });
          Future<HttpClientResponse> sent =
              request.body().length == 0 ? outgoing.send() : outgoing.send(Buffer.buffer(request.body()));
          return sent.compose(response -> response.body().map(body -> toResponse(response, body)));
        })
        .onComplete(result -> {
          if (result.succeeded()) {
            exchange.complete(result.result());
          } else {
            exchange.completeExceptionally(result.cause());
          }
        });
    return exchange;
  }

  @Override
  public String name() {
    return "vertx";
  }

  /** Vert.x timers: backoff and rate-limit waits resume on the event loop. */
  @Override
  public Optional<TimeSource> timeSource() {
    return Optional.of(timeSource);
  }

  @Override
  public Optional<String> blockingCallRefusal() {
    if (!Context.isOnEventLoopThread()) {
      return Optional.empty();
    }
    return Optional.of("Blocking call on Vert.x event-loop thread " + Thread.currentThread().getName()
        + " refused: it would block the event loop the response must arrive on. Use "
        + "VertxSystemHealth (Vert.x Future) or client.async() (CompletableFuture) on an event loop, "
        + "or make blocking calls from a worker (vertx.executeBlocking).");
  }

  /** Fails exchanges still in flight, closes the HTTP client, and the {@code Vertx} if owned. */
  @Override
  public void close() {
    supervisor.close();
    Future<Void> closed = client.close();
    if (ownsVertx) {
      closed = closed.eventually(vertx::close);
    }
    if (!Context.isOnEventLoopThread()) {
      try {
        closed.await(10, TimeUnit.SECONDS);
      } catch (Exception slowToClose) {
        // Closing goes on in the background; nothing is left for the caller to do.
      }
    }
  }

  private static MultiMap headers(TransportRequest request) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    request.headers().forEach(headers::add);
    return headers;
  }

  private static TransportResponse toResponse(HttpClientResponse response, Buffer body) {
    HeadersBuilder headers = new HeadersBuilder();
    response.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
    return ContentDecoding.decode(response.statusCode(), headers.build(), body.getBytes());
  }

  private static TransportFailure classify(Throwable failure) {
    Throwable cause = TransportFailure.unwrap(failure);
    if (cause instanceof HttpClosedException) {
      return new TransportFailure(TransportFailure.Kind.CONNECTION_CLOSED, cause.getMessage(), cause);
    }
    if (cause instanceof VertxException && cause.getMessage() != null
        && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
      return new TransportFailure(TransportFailure.Kind.TIMEOUT, cause.getMessage(), cause);
    }
    return TransportFailure.classify(cause);
  }
}
