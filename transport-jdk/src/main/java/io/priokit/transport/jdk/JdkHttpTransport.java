package io.priokit.transport.jdk;

import io.priokit.error.ConfigurationException;
import io.priokit.net.ProxyOptions;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transport over {@link java.net.http.HttpClient}: no dependency beyond the JDK, the natural
 * choice for blocking applications.
 *
 * <p>Blocking calls use the JDK client's own {@code send} on the caller's thread, asynchronous ones
 * its {@code sendAsync}. A client created here runs on a bounded pool of daemon threads rather than
 * the JDK's default executor, which starts a thread per exchange under load, and is shared with the
 * other transports of the same settings (see {@link #create(TransportOptions)}).
 *
 * <p>Over TLS it offers HTTP/2 unless the options pin HTTP/1.1, and always verifies the server's host
 * name. Through a proxy it sends the proxy's Basic credentials as a {@code Proxy-Authorization} header
 * of its own, which the JDK client puts on the {@code CONNECT} only and strips from what reaches the
 * API; it sets no {@code Authenticator}, which would make the JDK client drop the API's
 * {@code Authorization} header.
 */
public final class JdkHttpTransport implements HttpTransport {

  /** How the JDK client reports a proxy's refusal of a tunnel it cannot answer itself. */
  private static final Pattern TUNNEL_FAILED = Pattern.compile("Tunnel failed, got: (\\d{3})");

  private volatile HttpClient client;
  private final JdkClients.Lease lease;
  private final ProxyOptions proxy;
  private final StreamWaits streams;
  private final Set<Exchange> outstanding = ConcurrentHashMap.newKeySet();

  private JdkHttpTransport(HttpClient client, JdkClients.Lease lease, ProxyOptions proxy, StreamWaits streams) {
    this.client = client;
    this.lease = lease;
    this.proxy = proxy;
    this.streams = streams;
  }

  /**
   * A transport with the default options: 10 s connect timeout, the JVM's trust, no proxy.
   *
   * @return the transport
   */
  public static JdkHttpTransport create() {
    return create(TransportOptions.DEFAULTS);
  }

  /**
   * A transport over a JDK {@code HttpClient} on a pool of daemon threads, one per core and at least
   * two, which end when idle, connecting with the options' TLS and proxy. Transports with the same
   * settings share one client: on JDK 21 and later it is shut down when the last of them closes; JDK
   * 17's cannot be shut down, so it stays for the next transport with those settings, and recreating
   * clients does not add a selector thread each time (TLS options are the same settings when they are
   * the same instance, as {@code TlsOptions.defaults()} is). {@link TransportOptions#maxConnections()}
   * does not apply: the JDK client does not let a pool size be set per client.
   *
   * @param options the connect timeout, TLS and proxy
   * @return the transport; close it to release its share of the client
   * @throws ConfigurationException if a JVM-wide setting would keep the JDK client from honouring the
   *     options: host name verification switched off, or Basic proxy credentials barred from tunnels
   */
  public static JdkHttpTransport create(TransportOptions options) {
    JdkNetProperties.check(options.proxy());
    JdkClients.Lease lease = JdkClients.acquire(options);
    return new JdkHttpTransport(lease.client(), lease, options.proxy(), lease.streams());
  }

  /**
   * A transport over an {@code HttpClient} the caller configured (proxy, TLS, executor). Closing the
   * transport leaves that client to the caller.
   *
   * @param client the client
   * @return the transport
   */
  public static JdkHttpTransport using(HttpClient client) {
    return new JdkHttpTransport(Objects.requireNonNull(client, "client"), null, ProxyOptions.direct(),
        new StreamWaits());
  }

  /**
   * A factory for clients that create and own their transport, and for Guice.
   *
   * @return the factory
   */
  public static JdkTransportFactory factory() {
    return new JdkTransportFactory();
  }

  /**
   * Sends with the JDK client's own blocking {@code send} on the caller's thread. Interrupting the
   * thread aborts the exchange, which the JDK client does by closing its connection.
   */
  @Override
  public TransportResponse send(TransportRequest request) {
    HttpRequest outgoing = toJdk(request);
    while (true) {
      HttpClient current = open();
      streams.started();
      HttpResponse<byte[]> response;
      try {
        response = current.send(outgoing, new BoundedBodyHandler(request.maxResponseBytes()));
      } catch (InterruptedException interrupted) {
        streams.ended();
        throw interrupted(interrupted);
      } catch (IOException | RuntimeException failed) {
        if (!StreamWaits.isNoStreamFree(failed)) {
          streams.ended();
          throw classify(failed);
        }
        if (!awaitStream()) {
          throw classify(failed);
        }
        continue;
      }
      streams.ended();
      return toResponse(response);
    }
  }

  /** Waits for another exchange to free an HTTP/2 stream; whether to try again. */
  private boolean awaitStream() {
    try {
      return streams.awaitStream();
    } catch (InterruptedException interrupted) {
      throw interrupted(interrupted);
    }
  }

  /** Sends with the JDK client's {@code sendAsync}; cancelling the returned future cancels the exchange. */
  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    HttpRequest outgoing = toJdk(request);
    HttpClient current = open();
    Exchange exchange = new Exchange(outgoing, request.maxResponseBytes());
    outstanding.add(exchange);
    exchange.whenComplete((response, failure) -> outstanding.remove(exchange));
    exchange.start(current);
    return exchange;
  }

  /**
   * One asynchronous exchange's future; cancelling it cancels the JDK client's exchange. Started
   * again, if the JDK client refused it for want of an HTTP/2 stream, once one is free.
   */
  private final class Exchange extends CompletableFuture<TransportResponse> {
    private final HttpRequest outgoing;
    private final int maxResponseBytes;
    private volatile CompletableFuture<HttpResponse<byte[]>> inFlight;

    Exchange(HttpRequest outgoing, int maxResponseBytes) {
      this.outgoing = outgoing;
      this.maxResponseBytes = maxResponseBytes;
    }

    /** Hands the exchange to the JDK client; whether it did (not when it was cancelled meanwhile). */
    boolean start(HttpClient current) {
      if (isDone()) {
        return false;
      }
      CompletableFuture<HttpResponse<byte[]>> exchange;
      try {
        exchange = current.sendAsync(outgoing, new BoundedBodyHandler(maxResponseBytes));
      } catch (RuntimeException refused) {
        completeExceptionally(classify(refused));
        return true;
      }
      streams.started();
      inFlight = exchange;
      if (isDone()) {
        exchange.cancel(true);
      }
      exchange.whenComplete(this::finish);
      return true;
    }

    private boolean restart() {
      HttpClient current = client;
      return current == null ? completeExceptionally(TransportFailure.transportClosed(name())) : start(current);
    }

    /** Fails the exchange as the transport closing, and aborts the JDK client's exchange. */
    void closed() {
      if (completeExceptionally(TransportFailure.transportClosed(name()))) {
        CompletableFuture<HttpResponse<byte[]>> exchange = inFlight;
        if (exchange != null) {
          exchange.cancel(true);
        }
      }
    }

    private void finish(HttpResponse<byte[]> response, Throwable failure) {
      if (failure != null && StreamWaits.isNoStreamFree(failure)) {
        if (streams.waitForStream(this::restart)) {
          return;
        }
      } else {
        streams.ended();
      }
      if (failure != null) {
        completeExceptionally(classify(failure));
        return;
      }
      try {
        complete(toResponse(response));
      } catch (TransportFailure proxyRefused) {
        completeExceptionally(proxyRefused);
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      CompletableFuture<HttpResponse<byte[]>> exchange = inFlight;
      if (cancelled && exchange != null) {
        exchange.cancel(true);
      }
      return cancelled;
    }
  }

  @Override
  public String name() {
    return "jdk";
  }

  /**
   * Refuses new exchanges, fails the asynchronous ones still under way (those waiting for an HTTP/2
   * stream included) as the transport closing, and gives up this transport's share of the client it
   * created (see {@link #create(TransportOptions)}); a client passed to {@link #using} is left to the
   * caller.
   */
  @Override
  public void close() {
    if (client == null) {
      return;
    }
    client = null;
    outstanding.forEach(Exchange::closed);
    if (lease != null) {
      lease.release();
    }
  }

  private static TransportFailure interrupted(InterruptedException interrupted) {
    Thread.currentThread().interrupt();
    return new TransportFailure(TransportFailure.Kind.INTERRUPTED, "interrupted while waiting", interrupted);
  }

  private HttpClient open() {
    HttpClient current = client;
    if (current == null) {
      throw TransportFailure.transportClosed(name());
    }
    return current;
  }

  private HttpRequest toJdk(TransportRequest request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
        .method(request.method(), request.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    // Plaintext HTTP/2 would mean an h2c upgrade dance that proxies and simulators handle badly.
    if ("http".equalsIgnoreCase(request.uri().getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    request.headers().forEach(builder::header);
    if (!proxy.bypasses(request.uri().getHost())) {
      // The JDK client sends Proxy-* headers to the proxy alone: on the CONNECT, or with a plain
      // request it forwards. They never reach the API.
      proxy.proxyAuthorization().ifPresent(credentials -> builder.header("Proxy-Authorization", credentials));
    }
    return builder.build();
  }

  private TransportResponse toResponse(HttpResponse<byte[]> response) {
    if (answeredByProxy(response)) {
      throw TransportFailure.proxyRefused(proxy, response.statusCode());
    }
    return TransportResponse.of(response.statusCode(), response.headers(), response.body());
  }

  /**
   * Whether the proxy answered rather than the API: over HTTPS, an answer without a TLS session is
   * the proxy's to the {@code CONNECT} (the JDK client hands back a 407 so); over plain HTTP, only a
   * proxy answers 407.
   */
  private boolean answeredByProxy(HttpResponse<?> response) {
    URI uri = response.request().uri();
    if (proxy.bypasses(uri.getHost())) {
      return false;
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? response.sslSession().isEmpty()
        : response.statusCode() == 407;
  }

  /** The JDK's classification, but a tunnel the proxy refused is the proxy's failure. */
  private TransportFailure classify(Throwable failure) {
    Throwable cause = TransportFailure.unwrap(failure);
    if (!proxy.isDirect() && cause instanceof IOException && cause.getMessage() != null) {
      Matcher refused = TUNNEL_FAILED.matcher(cause.getMessage());
      if (refused.find()) {
        return TransportFailure.proxyRefused(proxy, Integer.parseInt(refused.group(1)));
      }
    }
    return TransportFailure.classify(cause);
  }

}
