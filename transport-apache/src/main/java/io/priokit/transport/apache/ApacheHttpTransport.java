package io.priokit.transport.apache;

import io.priokit.spi.ContentDecoding;
import io.priokit.spi.ExchangeSupervisor;
import io.priokit.spi.HeadersBuilder;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.PriokitThreads;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.nio.channels.ClosedSelectorException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
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
 * <p>Futures complete on the client's I/O threads: a callback that blocks stalls other exchanges, so
 * move blocking work elsewhere with {@code thenApplyAsync(..., executor)}.
 */
public final class ApacheHttpTransport implements HttpTransport {

  private static final Logger LOG = LoggerFactory.getLogger("io.priokit.transport.apache");

  private final CloseableHttpAsyncClient client;
  private final boolean ownsClient;
  private final ExchangeSupervisor supervisor = new ExchangeSupervisor("apache");

  private ApacheHttpTransport(CloseableHttpAsyncClient client, boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
  }

  /** A transport with the default options: 10 s connect timeout, 50 pooled connections. */
  public static ApacheHttpTransport create() {
    return create(TransportOptions.DEFAULTS);
  }

  /**
   * A transport with its own started client: a pool of {@link TransportOptions#maxConnections()}
   * connections per host (and in all), no automatic retries or redirects (core decides those), and
   * gzip decoding.
   *
   * @param options the connect timeout and pool size
   * @return the transport; close it to release its threads and connections
   */
  public static ApacheHttpTransport create(TransportOptions options) {
    CloseableHttpAsyncClient client = HttpAsyncClients.custom()
        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setMaxConnTotal(options.maxConnections())
            .setMaxConnPerRoute(options.maxConnections())
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(options.connectTimeout()))
                .build())
            .build())
        .setHttp1Config(Http1Config.custom().setMaxLineLength(MAX_RESPONSE_HEADER_BYTES).build())
        .setThreadFactory(PriokitThreads.factory("priokit-apache-io"))
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .setIoReactorExceptionCallback(ApacheHttpTransport::reactorFailure)
        .build();
    client.start();
    return new ApacheHttpTransport(client, true);
  }

  /**
   * A transport over a started client the caller configured and will close.
   *
   * @param client a started client; its automatic retries should be disabled, since core retries
   * @return the transport
   */
  public static ApacheHttpTransport using(CloseableHttpAsyncClient client) {
    return new ApacheHttpTransport(Objects.requireNonNull(client, "client"), false);
  }

  /** A factory for clients that create and own their transport, and for Guice. */
  public static ApacheTransportFactory factory() {
    return new ApacheTransportFactory();
  }

  @Override
  public TransportResponse send(TransportRequest request) {
    return ExchangeSupervisor.await(sendAsync(request));
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    return supervisor.supervise(() -> execute(request), request.timeout(), ApacheHttpTransport::toResponse,
        ApacheHttpTransport::classify);
  }

  /** Starts the exchange; cancelling the returned future cancels it, which closes its connection. */
  private CompletableFuture<SimpleHttpResponse> execute(TransportRequest request) {
    CompletableFuture<SimpleHttpResponse> exchange = new CompletableFuture<>();
    Future<SimpleHttpResponse> inFlight = client.execute(toApache(request), new FutureCallback<>() {
      @Override
      public void completed(SimpleHttpResponse response) {
        exchange.complete(response);
      }

      @Override
      public void failed(Exception failure) {
        exchange.completeExceptionally(failure);
      }

      @Override
      public void cancelled() {
        exchange.cancel(false);
      }
    });
    exchange.whenComplete((response, failure) -> {
      if (exchange.isCancelled()) {
        inFlight.cancel(true);
      }
    });
    return exchange;
  }

  @Override
  public String name() {
    return "apache";
  }

  /** Fails exchanges still in flight; closes the client, its I/O threads and connections if owned. */
  @Override
  public void close() {
    supervisor.close();
    if (ownsClient) {
      client.close(CloseMode.GRACEFUL);
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
    // Inactivity limit per socket read; ExchangeSupervisor holds the whole exchange to the timeout.
    apache.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(request.timeout())).build());
    return apache;
  }

  private static TransportResponse toResponse(SimpleHttpResponse response) {
    HeadersBuilder headers = new HeadersBuilder();
    for (Header header : response.getHeaders()) {
      headers.add(header.getName(), header.getValue());
    }
    byte[] body = response.getBodyBytes();
    return ContentDecoding.decode(response.getCode(), headers.build(), body == null ? new byte[0] : body);
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
