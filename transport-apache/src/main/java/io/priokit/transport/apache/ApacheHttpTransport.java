package io.priokit.transport.apache;

import io.priokit.net.HttpVersionPolicy;
import io.priokit.net.ProxyOptions;
import io.priokit.net.TlsOptions;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.PriokitThreads;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.net.URI;
import java.nio.channels.ClosedSelectorException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport over Apache HttpClient 5's async client ({@link CloseableHttpAsyncClient}): pooled
 * connections, HTTP/2 over TLS where the server offers it, and a small fixed set of I/O threads
 * however many calls are in flight.
 *
 * <p>Host names are verified by the JDK's TLS engine ({@code HostnameVerificationPolicy.BUILTIN}).
 * Through a proxy, each exchange sends the proxy's credentials with its {@code CONNECT} (or its plain
 * request) from the start; HttpClient holds them scoped to the proxy's host and port, so that they can
 * never answer the API's own challenge.
 *
 * <p>Futures complete on the client's I/O threads: a callback that blocks stalls other exchanges, so
 * move blocking work elsewhere with {@code thenApplyAsync(..., executor)}.
 */
public final class ApacheHttpTransport implements HttpTransport {

  private static final Logger LOG = LoggerFactory.getLogger("io.priokit.transport.apache");

  private final CloseableHttpAsyncClient client;
  private final LeasedConnections connections;
  private final boolean ownsClient;
  private final ProxyOptions proxy;
  private final ProxyRoutes routes;
  private volatile boolean closed;

  private ApacheHttpTransport(CloseableHttpAsyncClient client, LeasedConnections connections, boolean ownsClient,
      ProxyRoutes routes) {
    this.client = client;
    this.connections = connections;
    this.ownsClient = ownsClient;
    this.routes = routes;
    this.proxy = routes.proxy();
  }

  /** {@return a transport with the default options: 10 s connect timeout, 50 pooled connections} */
  public static ApacheHttpTransport create() {
    return create(TransportOptions.DEFAULTS);
  }

  /**
   * A transport with its own started client: a pool of {@link TransportOptions#maxConnections()}
   * connections per host (and in all), the options' TLS and proxy, and none of the library's own
   * retries, redirects or decompression (core decides those).
   *
   * @param options the connect timeout, pool size, TLS and proxy
   * @return the transport; close it to release its threads and connections
   */
  public static ApacheHttpTransport create(TransportOptions options) {
    TlsOptions tls = options.tls();
    ProxyRoutes routes = new ProxyRoutes(options.proxy());
    LeasedConnections connections = new LeasedConnections(PoolingAsyncClientConnectionManagerBuilder.create()
            .setTlsStrategy(ClientTlsStrategyBuilder.create()
                .setSslContext(tls.sslContext())
                .setTlsVersions(tls.protocols().toArray(String[]::new))
                .setHostVerificationPolicy(HostnameVerificationPolicy.BUILTIN)
                .buildAsync())
            .setDefaultTlsConfig(TlsConfig.custom()
                .setVersionPolicy(tls.httpVersion() == HttpVersionPolicy.HTTP_1_1
                    ? org.apache.hc.core5.http2.HttpVersionPolicy.FORCE_HTTP_1
                    : org.apache.hc.core5.http2.HttpVersionPolicy.NEGOTIATE)
                .build())
            .setMaxConnTotal(options.maxConnections())
            .setMaxConnPerRoute(options.maxConnections())
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(options.connectTimeout()))
                // A backstop: HttpClient 5.6.5 can lose the cancel of an exchange whose connection
                // was opened for it (InternalHttpAsyncExecRuntime.execute sets the connect step as
                // the cancellable after the exchange already replaced it), and such a connection
                // then waits for its server; this bounds the wait to the longest attempt.
                .setSocketTimeout(Timeout.of(options.callTimeout()))
                .build())
            .build());
    CloseableHttpAsyncClient client = HttpAsyncClients.custom()
        .setConnectionManager(connections)
        .setRoutePlanner(routes)
        .setDefaultCredentialsProvider(routes.credentials())
        .setHttp1Config(Http1Config.custom().setMaxLineLength(MAX_RESPONSE_HEADER_BYTES).build())
        .setThreadFactory(PriokitThreads.factory("priokit-apache-io"))
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableContentCompression()
        .disableCookieManagement()
        .disableAuthCaching()
        .setIoReactorExceptionCallback(ApacheHttpTransport::reactorFailure)
        .build();
    client.start();
    return new ApacheHttpTransport(client, connections, true, routes);
  }

  /**
   * A transport over a started client the caller configured and will close.
   *
   * @param client a started client; its automatic retries and content decompression should be
   *     disabled, since core retries and decodes. Cancelling an exchange on it cancels HttpClient's
   *     future only, which HttpClient 5.6.5 does not always carry to the connection
   * @return the transport
   */
  public static ApacheHttpTransport using(CloseableHttpAsyncClient client) {
    return new ApacheHttpTransport(Objects.requireNonNull(client, "client"), null, false,
        new ProxyRoutes(ProxyOptions.direct()));
  }

  /** {@return a factory for clients that create and own their transport, and for Guice} */
  public static ApacheTransportFactory factory() {
    return new ApacheTransportFactory();
  }

  /** Starts the exchange; cancelling the returned future cancels it, which closes its connection. */
  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    if (closed) {
      return CompletableFuture.failedFuture(TransportFailure.transportClosed(name()));
    }
    Exchange exchange = new Exchange(request.uri());
    if (exchange.proxied) {
      routes.authenticateAtOnce(exchange.context);
    }
    exchange.inFlight = client.execute(SimpleRequestProducer.create(toApache(request)),
        new BoundedResponseConsumer(request.maxResponseBytes()), exchange.context, exchange);
    return exchange;
  }

  @Override
  public String name() {
    return "apache";
  }

  /** Closes the client, its I/O threads and connections, if owned. */
  @Override
  public void close() {
    closed = true;
    if (ownsClient) {
      client.close(CloseMode.GRACEFUL);
    }
  }

  /** One exchange's future, which the library's callback completes and whose cancelling aborts it. */
  private final class Exchange extends CompletableFuture<TransportResponse>
      implements FutureCallback<TransportResponse> {
    private final HttpClientContext context = HttpClientContext.create();
    private final boolean secure;
    private final boolean proxied;
    private volatile Future<TransportResponse> inFlight;

    Exchange(URI uri) {
      this.secure = "https".equalsIgnoreCase(uri.getScheme());
      this.proxied = !proxy.bypasses(uri.getHost());
    }

    @Override
    public void completed(TransportResponse response) {
      if (answeredByProxy(response)) {
        completeExceptionally(TransportFailure.proxyRefused(proxy, response.statusCode()));
      } else {
        complete(response);
      }
    }

    /**
     * Whether the proxy answered rather than the API: HttpClient hands back the proxy's refusal of a
     * tunnel as the response, on an exchange that never got to TLS; over plain HTTP, only a proxy
     * answers 407.
     */
    private boolean answeredByProxy(TransportResponse response) {
      if (!proxied) {
        return false;
      }
      return secure ? context.getSSLSession() == null : response.statusCode() == 407;
    }

    @Override
    public void failed(Exception failure) {
      completeExceptionally(closed ? TransportFailure.transportClosed(name()) : duringHandshake(classify(failure)));
    }

    /**
     * A connection closed before its TLS session was set up failed the handshake, as the other
     * transports report it: HttpCore reports only the closing (a protocol negotiation that got end of
     * input, or a closed connection). Through a proxy, only once the tunnel was open (its
     * {@code CONNECT} answered 200).
     */
    private TransportFailure duringHandshake(TransportFailure failure) {
      if (failure.kind() != TransportFailure.Kind.CONNECTION_CLOSED || !secure || context.getSSLSession() != null) {
        return failure;
      }
      HttpResponse tunnel = context.getResponse();
      if (proxied && (tunnel == null || tunnel.getCode() != 200)) {
        return failure;
      }
      return new TransportFailure(TransportFailure.Kind.TLS,
          "connection closed during the TLS handshake (" + failure.getMessage() + ")", failure.getCause());
    }

    @Override
    public void cancelled() {
      completeExceptionally(closed ? TransportFailure.transportClosed(name())
          : new TransportFailure(TransportFailure.Kind.CONNECTION_CLOSED, "the HTTP client cancelled the exchange", null));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      Future<TransportResponse> started = inFlight;
      if (cancelled && started != null) {
        started.cancel(true);
      }
      if (cancelled && connections != null) {
        // Where the cancel did reach the exchange, its connection is released by now and this finds nothing.
        connections.abort(context.getExchangeId());
      }
      return cancelled;
    }
  }

  /**
   * Failures of an I/O thread outside any exchange (an exchange's own failure reaches its future).
   * HttpCore would log them at ERROR; a selector found closed while the client shuts down is part of
   * shutting down, so it is only worth DEBUG.
   */
  private static void reactorFailure(Exception failure) {
    if (failure instanceof ClosedSelectorException) {
      LOG.debug("Apache I/O reactor closed while shutting down", failure);
    } else {
      LOG.warn("Apache I/O reactor failed outside any exchange", failure);
    }
  }

  private static SimpleHttpRequest toApache(TransportRequest request) {
    SimpleHttpRequest apache = new SimpleHttpRequest(request.method(), request.uri());
    request.headers().forEach(apache::addHeader);
    if (request.body().length > 0) {
      String contentType = request.headers().getOrDefault("Content-Type", "application/json");
      apache.setBody(request.body(), ContentType.parse(contentType));
    }
    return apache;
  }

  private static TransportFailure classify(Throwable failure) {
    Throwable cause = TransportFailure.unwrap(failure);
    if (cause instanceof HttpException) {
      // A response that breaks the protocol: the connection cannot be trusted for the rest of it.
      return new TransportFailure(TransportFailure.Kind.CONNECTION_CLOSED, cause.getMessage(), cause);
    }
    return TransportFailure.classify(cause);
  }
}
