package io.priokit.transport.vertx;

import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.proxy.HttpProxyHandler;
import io.priokit.net.HttpVersionPolicy;
import io.priokit.net.ProxyOptions;
import io.priokit.net.TlsOptions;
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
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transport over Vert.x's HTTP client, for reactive Vert.x applications: exchanges run on the
 * event loop, and a blocking call made on an event-loop thread is refused at once instead of
 * deadlocking. Pair it with {@link VertxSystemHealth} for {@link Future}s that complete on the
 * caller's context.
 *
 * <p>It runs on the HTTP client under the Vert.x Web Client rather than on the Web Client itself:
 * only the HTTP client hands out the request, whose {@link HttpClientRequest#reset()} aborts an
 * exchange that is cancelled or out of time and frees its connection at once.
 *
 * <p>Over TLS it offers HTTP/2 through ALPN unless the options pin HTTP/1.1, and always verifies the
 * server's host name. Plaintext requests go through a second HTTP client of HTTP/1.1 only, since a
 * Vert.x client set for HTTP/2 would ask every plaintext server to upgrade to cleartext HTTP/2. A
 * request goes through the proxy unless {@link ProxyOptions#bypasses} says otherwise; Vert.x sends the
 * proxy's Basic credentials with the {@code CONNECT} and never to the API.
 */
public final class VertxHttpTransport implements HttpTransport {

  /** How Netty reports a proxy's refusal of a tunnel: {@code "..., status: 407 Proxy Authentication Required"}. */
  private static final Pattern TUNNEL_REFUSED = Pattern.compile("status: (\\d{3})");

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpClientAgent secure;
  private final HttpClientAgent plain;
  private final ProxyOptions proxy;
  private final io.vertx.core.net.ProxyOptions throughProxy;
  private final TimeSource timeSource;
  private volatile boolean closed;

  private VertxHttpTransport(Vertx vertx, boolean ownsVertx, TransportOptions options) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.timeSource = new VertxTimeSource(vertx);
    this.proxy = options.proxy();
    this.throughProxy = proxy.isDirect() ? null : proxyOptions(proxy);
    TlsOptions tls = options.tls();
    HttpClientOptions tlsOptions = clientOptions(options)
        .setSslEngineOptions(new SslContextEngineOptions(tls.sslContext()))
        .setEnabledSecureTransportProtocols(Set.copyOf(tls.protocols()))
        .setVerifyHost(true);
    // Set, not left to default, so that no other setting can make it empty (which turns verification off).
    tlsOptions.getSslOptions().setHostnameVerificationAlgorithm("HTTPS");
    if (tls.httpVersion() == HttpVersionPolicy.NEGOTIATE) {
      tlsOptions.setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2);
    }
    this.secure = agent(vertx, tlsOptions, options);
    this.plain = agent(vertx, clientOptions(options), options);
  }

  private static HttpClientOptions clientOptions(TransportOptions options) {
    return new HttpClientOptions()
        .setConnectTimeout(Math.toIntExact(options.connectTimeout().toMillis()))
        // Core decodes gzip, as on every transport.
        .setDecompressionSupported(false)
        .setMaxHeaderSize(MAX_RESPONSE_HEADER_BYTES)
        .setKeepAlive(true);
  }

  private static HttpClientAgent agent(Vertx vertx, HttpClientOptions clientOptions, TransportOptions options) {
    return vertx.httpClientBuilder()
        .with(clientOptions)
        // Both bounds: a client set for HTTP/2 counts a connection it is opening as an HTTP/2 one, so with
        // one HTTP/2 connection allowed (Vert.x's default) a server that answers ALPN with HTTP/1.1
        // would get one connection for every call in flight.
        .with(new PoolOptions().setHttp1MaxSize(options.maxConnections()).setHttp2MaxSize(options.maxConnections()))
        // A connection's failure reaches the exchange on it as a typed failure; without a handler
        // Vert.x would also log every reset connection at ERROR.
        .withConnectHandler(connection -> connection.exceptionHandler(alreadyReported -> { }))
        .build();
  }

  private static io.vertx.core.net.ProxyOptions proxyOptions(ProxyOptions proxy) {
    io.vertx.core.net.ProxyOptions options = new io.vertx.core.net.ProxyOptions()
        .setType(ProxyType.HTTP).setHost(proxy.host()).setPort(proxy.port());
    proxy.username().ifPresent(options::setUsername);
    proxy.password().ifPresent(options::setPassword);
    return options;
  }

  /**
   * A transport on the caller's {@code Vertx}, which the caller keeps and closes.
   *
   * @param vertx the application's Vert.x instance
   * @param options the connect timeout, pool size, TLS and proxy
   * @return the transport; closing it closes its HTTP clients only
   */
  public static VertxHttpTransport create(Vertx vertx, TransportOptions options) {
    return new VertxHttpTransport(Objects.requireNonNull(vertx, "vertx"), false, options);
  }

  /**
   * A transport on the caller's {@code Vertx} with the default options.
   *
   * @param vertx the caller's Vert.x instance
   * @return the transport
   */
  public static VertxHttpTransport create(Vertx vertx) {
    return create(vertx, TransportOptions.DEFAULTS);
  }

  /**
   * A transport on a {@code Vertx} of its own, for applications that do not run Vert.x themselves.
   *
   * @param options the connect timeout, pool size, TLS and proxy
   * @return the transport; closing it closes its Vert.x instance
   */
  public static VertxHttpTransport create(TransportOptions options) {
    return new VertxHttpTransport(Vertx.vertx(), true, options);
  }

  /** {@return a factory that gives every transport a {@code Vertx} of its own} */
  public static VertxTransportFactory factory() {
    return new VertxTransportFactory();
  }

  /**
   * A factory whose transports run on the caller's {@code Vertx}.
   *
   * @param vertx the caller's Vert.x instance
   * @return the factory
   */
  public static VertxTransportFactory factory(Vertx vertx) {
    return new VertxTransportFactory(Objects.requireNonNull(vertx, "vertx"));
  }

  /** {@return the Vert.x instance exchanges run on} */
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    if (closed) {
      return CompletableFuture.failedFuture(TransportFailure.transportClosed(name()));
    }
    boolean tls = "https".equalsIgnoreCase(request.uri().getScheme());
    boolean proxied = !proxy.bypasses(request.uri().getHost());
    Exchange exchange = new Exchange(request.maxResponseBytes(), tls, proxied);
    try {
      (tls ? secure : plain).request(options(request, tls, proxied)).onComplete(obtained -> {
        if (obtained.failed()) {
          exchange.fail(obtained.cause());
        } else {
          exchange.send(obtained.result(), request.body());
        }
      });
    } catch (RuntimeException refused) {
      exchange.fail(refused);
    }
    return exchange;
  }

  private RequestOptions options(TransportRequest request, boolean tls, boolean proxied) {
    URI uri = request.uri();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    request.headers().forEach(headers::add);
    return new RequestOptions()
        .setProxyOptions(proxied ? throughProxy : null)
        .setMethod(HttpMethod.valueOf(request.method()))
        .setSsl(tls)
        .setHost(uri.getHost())
        .setPort(uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80)
        .setURI(uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + '?' + uri.getRawQuery())
        .setHeaders(headers);
  }

  /**
   * One exchange's future. Its steps run on the request's context, each set inside the callback of
   * the one before, so a handler is in place before the event it handles can come. Cancelling it
   * resets the request, which closes an HTTP/1.1 connection and frees a pooled one.
   */
  private final class Exchange extends CompletableFuture<TransportResponse> {
    private final int maxBytes;
    private final boolean tls;
    private final boolean proxied;
    private volatile HttpClientRequest outgoing;
    private Buffer body;

    Exchange(int maxBytes, boolean tls, boolean proxied) {
      this.maxBytes = maxBytes;
      this.tls = tls;
      this.proxied = proxied;
    }

    void send(HttpClientRequest request, byte[] content) {
      outgoing = request;
      if (isDone()) {
        request.reset();
        return;
      }
      Future<HttpClientResponse> sent = content.length == 0 ? request.send() : request.send(Buffer.buffer(content));
      sent.onComplete(answered -> {
        if (answered.failed()) {
          fail(answered.cause());
        } else {
          read(answered.result());
        }
      });
    }

    private void read(HttpClientResponse response) {
      if (proxied && !tls && response.statusCode() == 407) {
        // Over plain HTTP the proxy answers in place of the API; only a proxy answers 407.
        if (completeExceptionally(TransportFailure.proxyRefused(proxy, 407))) {
          outgoing.reset();
        }
        return;
      }
      String length = response.getHeader("Content-Length");
      if (length != null && declaredLength(length) > maxBytes) {
        tooLarge(response.statusCode());
        return;
      }
      body = Buffer.buffer();
      response.exceptionHandler(this::fail);
      response.handler(chunk -> {
        if (body.length() + chunk.length() > maxBytes) {
          tooLarge(response.statusCode());
        } else {
          body.appendBuffer(chunk);
        }
      });
      response.endHandler(end -> complete(toResponse(response, body)));
    }

    private void tooLarge(int statusCode) {
      if (completeExceptionally(TransportFailure.bodyTooLarge(statusCode, maxBytes))) {
        outgoing.reset();
      }
    }

    void fail(Throwable failure) {
      completeExceptionally(closed ? TransportFailure.transportClosed(name()) : classify(failure, proxy));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      HttpClientRequest started = outgoing;
      if (cancelled && started != null) {
        started.reset();
      }
      return cancelled;
    }
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

  /**
   * Closes the HTTP clients, which fails the exchanges still in flight as the transport closing, and
   * the {@code Vertx} if owned.
   */
  @Override
  public void close() {
    closed = true;
    Future<Void> done = Future.join(secure.close(), plain.close()).mapEmpty();
    if (ownsVertx) {
      done = done.eventually(vertx::close);
    }
    if (!Context.isOnEventLoopThread()) {
      try {
        done.await(10, TimeUnit.SECONDS);
      } catch (Exception slowToClose) {
        // Closing goes on in the background; nothing is left for the caller to do.
      }
    }
  }

  private static TransportResponse toResponse(HttpClientResponse response, Buffer body) {
    MultiMap headers = response.headers();
    return TransportResponse.of(response.statusCode(), headers::forEach, body.getBytes());
  }

  private static long declaredLength(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException unreadable) {
      return -1;
    }
  }

  private static TransportFailure classify(Throwable failure, ProxyOptions proxy) {
    Throwable cause = TransportFailure.unwrap(failure);
    if (cause instanceof HttpProxyHandler.HttpProxyConnectException refused && refused.getMessage() != null) {
      Matcher status = TUNNEL_REFUSED.matcher(refused.getMessage());
      if (status.find()) {
        return TransportFailure.proxyRefused(proxy, Integer.parseInt(status.group(1)));
      }
    }
    if (cause instanceof HttpClosedException || cause instanceof Http2Exception) {
      // An HTTP/2 connection that broke the protocol cannot be trusted for the rest of the response.
      return new TransportFailure(TransportFailure.Kind.CONNECTION_CLOSED, cause.getMessage(), cause);
    }
    if (cause instanceof VertxException && cause.getMessage() != null
        && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
      // Vert.x's own timeouts, such as getting a connection within the request's connect timeout.
      return new TransportFailure(TransportFailure.Kind.TIMEOUT, cause.getMessage(), cause);
    }
    return TransportFailure.classify(cause);
  }
}
