package io.priokit.transport.jdk;

import io.priokit.error.ConfigurationException;
import io.priokit.net.HttpVersionPolicy;
import io.priokit.net.ProxyOptions;
import io.priokit.net.TlsOptions;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.PriokitThreads;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;

/**
 * The transport over {@link java.net.http.HttpClient}: no dependency beyond the JDK, the natural
 * choice for blocking applications.
 *
 * <p>Blocking calls use the JDK client's own {@code send} on the caller's thread, asynchronous ones
 * its {@code sendAsync}. A client created here runs on a fixed pool of daemon threads rather than the
 * JDK's default executor, which starts a thread per exchange under load.
 *
 * <p>Over TLS it offers HTTP/2 unless the options pin HTTP/1.1, and always verifies the server's host
 * name. Through a proxy it sends the proxy's Basic credentials as a {@code Proxy-Authorization} header
 * of its own, which the JDK client puts on the {@code CONNECT} only and strips from what reaches the
 * API; it sets no {@code Authenticator}, which would make the JDK client drop the API's
 * {@code Authorization} header.
 */
public final class JdkHttpTransport implements HttpTransport {

  /** {@code HttpClient.shutdownNow()}, which JDK 21 added: found at run time, as this compiles for 17. */
  private static final Method SHUTDOWN_NOW = shutdownNow();

  /** How the JDK client reports a proxy's refusal of a tunnel it cannot answer itself. */
  private static final Pattern TUNNEL_FAILED = Pattern.compile("Tunnel failed, got: (\\d{3})");

  private volatile HttpClient client;
  private final ExecutorService ownedExecutor;
  private final ProxyOptions proxy;
  private final StreamWaits streams = new StreamWaits();
  private final Set<Exchange> outstanding = ConcurrentHashMap.newKeySet();

  private JdkHttpTransport(HttpClient client, ExecutorService ownedExecutor, ProxyOptions proxy) {
    this.client = client;
    this.ownedExecutor = ownedExecutor;
    this.proxy = proxy;
  }

  /** A transport with the default options: 10 s connect timeout. */
  public static JdkHttpTransport create() {
    return create(TransportOptions.DEFAULTS);
  }

  /**
   * A transport with its own {@code HttpClient} on a fixed pool of daemon threads, one per core and
   * at least two, connecting with the options' TLS and proxy. {@link TransportOptions#maxConnections()}
   * does not apply: the JDK client does not let a pool size be set per client.
   *
   * @param options the connect timeout, TLS and proxy
   * @return the transport; close it to release its threads
   * @throws ConfigurationException if a JVM-wide setting would keep the JDK client from honouring the
   *     options: host name verification switched off, or Basic proxy credentials barred from tunnels
   */
  public static JdkHttpTransport create(TransportOptions options) {
    JdkNetProperties.check(options.proxy());
    TlsOptions tls = options.tls();
    SSLParameters parameters = tls.sslContext().getDefaultSSLParameters();
    parameters.setProtocols(tls.protocols().toArray(String[]::new));
    ExecutorService executor = Executors.newFixedThreadPool(
        Math.max(2, Runtime.getRuntime().availableProcessors()), PriokitThreads.factory("priokit-jdk"));
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .sslContext(tls.sslContext())
        .sslParameters(parameters)
        .version(tls.httpVersion() == HttpVersionPolicy.HTTP_1_1 ? HttpClient.Version.HTTP_1_1
            : HttpClient.Version.HTTP_2)
        // Always a selector of this transport's: left unset, the JDK client follows the JVM's proxy settings.
        .proxy(new ProxyRoute(options.proxy()))
        .build();
    return new JdkHttpTransport(client, executor, options.proxy());
  }

  /**
   * A transport over an {@code HttpClient} the caller configured (proxy, TLS, executor). Closing the
   * transport leaves that client to the caller.
   *
   * @param client the client
   * @return the transport
   */
  public static JdkHttpTransport using(HttpClient client) {
    return new JdkHttpTransport(Objects.requireNonNull(client, "client"), null, ProxyOptions.direct());
  }

  /** A factory for clients that create and own their transport, and for Guice. */
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
   * Stops the threads this transport started, for a client it created, and fails the asynchronous
   * exchanges still under way (those waiting for an HTTP/2 stream included) as the transport closing.
   * On JDK 21 and later the client is shut down at once; JDK 17's client has no such method, so its
   * selector thread ends, with its connections, once the client is garbage: this transport drops it
   * here.
   */
  @Override
  public void close() {
    HttpClient closing = client;
    if (ownedExecutor != null && closing != null) {
      client = null;
      // Before the executor stops: JDK 17's client then completes nothing more.
      outstanding.forEach(Exchange::closed);
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

  private static Method shutdownNow() {
    try {
      return HttpClient.class.getMethod("shutdownNow");
    } catch (NoSuchMethodException beforeJdk21) {
      return null;
    }
  }
}
