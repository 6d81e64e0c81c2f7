package io.priokit;

import io.priokit.error.ConfigurationException;
import io.priokit.internal.AppReferences;
import io.priokit.internal.CallPipeline;
import io.priokit.internal.ClientTimers;
import io.priokit.internal.Endpoint;
import io.priokit.internal.HeaderValues;
import io.priokit.internal.HealthPublisher;
import io.priokit.internal.Loopback;
import io.priokit.internal.PipelineSettings;
import io.priokit.internal.PriokitVersion;
import io.priokit.internal.TransportDiscovery;
import io.priokit.auth.TokenProvider;
import io.priokit.net.ProxyOptions;
import io.priokit.net.TlsOptions;
import io.priokit.observe.PriokitListener;
import io.priokit.spi.FairUseBudgetFactory;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.HttpTransportFactory;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportOptions;
import io.priokit.system.AsyncSystemHealth;
import io.priokit.system.HealthState;
import io.priokit.system.SystemHealth;
import io.priokit.system.SystemPing;
import io.priokit.system.SystemStatus;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The Prioticket Distributor API client. Blocking calls are its own methods; {@link #async()} gives
 * the same calls as {@link CompletableFuture}s. One client is meant to be shared by a whole
 * application: it is thread-safe and holds the transport's connections. Close it when done.
 *
 * <pre>{@code
 * try (PriokitClient client = PriokitClient.builder()
 *     .environment(Environment.SANDBOX)
 *     .credentials(ClientCredentials.of(clientId, clientSecret))
 *     .build()) {
 *   SystemStatus status = client.status();
 *   System.out.println("OK in " + status.latency().toMillis() + " ms");
 * }
 * }</pre>
 */
public final class PriokitClient implements SystemHealth, AutoCloseable {

  private final Environment environment;
  private final HttpTransport transport;
  private final boolean ownsTransport;
  private final ClientCredentials credentials;
  private final ClientTimers timers;
  private final CallPipeline pipeline;
  private final AsyncSystemHealth async;
  private final HealthPublisher.Streams healthStreams = new HealthPublisher.Streams();
  private final AtomicBoolean closed = new AtomicBoolean();

  private PriokitClient(Builder builder, HttpTransport transport, boolean ownsTransport) {
    this.environment = builder.environment;
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    this.credentials = builder.credentials;
    this.timers = new ClientTimers(builder.timeSource, transport.timeSource());
    this.pipeline = new CallPipeline(builder.settings(), transport, timers);
    // The proxy's password goes on the wire (to the proxy), so an echo of it is hidden like the client secret's.
    builder.proxy.password().ifPresent(pipeline.secrets()::add);
    builder.proxy.proxyAuthorization().ifPresent(value -> pipeline.secrets().add(value.substring("Basic ".length())));
    this.async = new AsyncFacade(pipeline);
  }

  /**
   * A builder with the defaults: a 60 s call timeout (as the API recommends), a 10 s connect timeout,
   * a two-minute deadline, {@link RetryPolicy#defaults()} and {@link FairUsePolicy#defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SystemPing ping() {
    return pipeline.callBlocking(Endpoint.SYSTEM_PING, SystemPing::of);
  }

  @Override
  public SystemStatus status() {
    return pipeline.callBlocking(Endpoint.SYSTEM_STATUS, SystemStatus::of);
  }

  /** {@return the same calls, asynchronous} */
  public AsyncSystemHealth async() {
    return async;
  }

  /** {@return where this client sends its calls} */
  public Environment environment() {
    return environment;
  }

  /** {@return the name of the transport this client uses, such as {@code jdk}} */
  public String transportName() {
    return transport.name();
  }

  /**
   * A stream of the API's health: polls {@code /system/status} every {@code interval} and emits a
   * {@link HealthState} (UP, DEGRADED after retries or above 2 s, DOWN with the cause) each time it
   * changes. Each subscriber polls on its own, unless the client's fair-use budget is shared by a
   * fleet ({@link Builder#fairUseBudget}): then one subscriber of the fleet polls per interval and the
   * others read what it saw. Backpressure is honoured by keeping only the newest change while there is
   * no demand. Completes when this client closes, without emitting a state of its own.
   *
   * @param interval the pause between two checks
   * @return a publisher of health changes
   */
  public Flow.Publisher<HealthState> watchHealth(Duration interval) {
    return watchHealth(interval, Duration.ofSeconds(2));
  }

  /**
   * A stream of the API's health, as {@link #watchHealth(Duration)}, with the latency above which a
   * successful check counts as DEGRADED.
   *
   * @param interval the pause between two checks
   * @param degradedAbove the latency above which an OK answer counts as DEGRADED
   * @return a publisher of health changes
   */
  public Flow.Publisher<HealthState> watchHealth(Duration interval, Duration degradedAbove) {
    return new HealthPublisher(async, timers.waits(), Builder.positive(interval, "interval"),
        Builder.positive(degradedAbove, "degradedAbove"), healthStreams, pipeline.sharedHealth());
  }

  /** {@return how many calls are under way: a gauge for metrics, and zero after a clean shutdown} */
  public int pendingCalls() {
    return pipeline.pendingCalls();
  }

  /**
   * Completes every health stream, fails every call under way with a
   * {@link io.priokit.error.TransportException} of reason {@code CLIENT_CLOSED} (and every call made
   * later), blocking calls included, and releases the client's timer thread and the transport if this
   * client created it (a transport passed in as an instance belongs to the caller). Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    healthStreams.close();
    pipeline.close();
    if (ownsTransport) {
      transport.close();
    }
    timers.close();
  }

  /** Names the environment, transport and client id; never a secret. */
  @Override
  public String toString() {
    return "PriokitClient[environment=" + environment + ", transport=" + transport.name()
        + (credentials == null ? "" : ", clientId=" + credentials.clientId()) + "]";
  }

  private static final class AsyncFacade implements AsyncSystemHealth {
    private final CallPipeline pipeline;

    AsyncFacade(CallPipeline pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    public CompletableFuture<SystemPing> ping() {
      return pipeline.callAsync(Endpoint.SYSTEM_PING, SystemPing::of);
    }

    @Override
    public CompletableFuture<SystemStatus> status() {
      return pipeline.callAsync(Endpoint.SYSTEM_STATUS, SystemStatus::of);
    }
  }

  /**
   * Configures a {@link PriokitClient}. Only the environment and a transport are required; with
   * exactly one transport module on the class path even the transport is found by itself.
   */
  public static final class Builder {

    /** Four MiB: a thousand times any System answer, and a bound on what one call can hold. */
    private static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private Environment environment;
    private HttpTransport transport;
    private HttpTransportFactory transportFactory;
    private Duration connectTimeout = TransportOptions.DEFAULTS.connectTimeout();
    private Duration callTimeout = Duration.ofSeconds(60);
    private int maxConnections = TransportOptions.DEFAULTS.maxConnections();
    private ClientCredentials credentials;
    private Duration deadline = Duration.ofMinutes(2);
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private TokenProvider tokenProvider;
    private boolean allowPlaintext;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private FairUsePolicy fairUse = FairUsePolicy.defaults();
    private FairUseBudgetFactory fairUseBudget = FairUseBudgetFactory.local();
    private PriokitListener listener = PriokitListener.NONE;
    private final Map<String, String> appHeaders = new LinkedHashMap<>();
    private Supplier<String> appReferences = AppReferences.RANDOM;
    private TimeSource timeSource;
    private TlsOptions tls = TlsOptions.defaults();
    private ProxyOptions proxy = ProxyOptions.direct();
    private boolean connectionOptionsSet;

    private Builder() {
      appHeaders.put("App-Name", "priokit");
      appHeaders.put("App-Version", PriokitVersion.get());
    }

    /**
     * Where to send calls: {@link Environment#PRODUCTION}, {@link Environment#SANDBOX},
     * {@link Environment#STAGING}, {@link Environment#INTERNAL} or {@link Environment#custom}.
     *
     * @param environment the environment to call
     * @return this builder
     */
    public Builder environment(Environment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Sends calls to any base URI, such as a local simulator or a proxy.
     *
     * @param baseUri the base URI, such as {@code https://host/v3.8/distributor}
     * @return this builder
     */
    public Builder baseUri(URI baseUri) {
      return environment(Environment.custom(baseUri));
    }

    /**
     * Sends calls to any base URI, given as text.
     *
     * @param baseUri the base URI as text
     * @return this builder
     */
    public Builder baseUri(String baseUri) {
      return environment(Environment.custom(baseUri));
    }

    /**
     * Uses a transport the caller created and will close; the client never closes it, so several
     * clients may share it. The connect timeout and connection limit are then the transport's own.
     *
     * @param transport a transport the caller keeps and closes
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      this.transportFactory = null;
      return this;
    }

    /**
     * Chooses a transport on the class path by name ({@code jdk}, {@code apache} or {@code vertx});
     * the client creates it and closes it with itself. Needed only when several are present.
     *
     * @throws ConfigurationException if no transport of that name is on the class path
     * @param name the transport's name: {@code jdk}, {@code apache} or {@code vertx}
     * @return this builder
     */
    public Builder transport(String name) {
      if (name == null || name.isBlank()) {
        throw new ConfigurationException("No transport name: give jdk, apache or vertx, or pass a transport "
            + "or a factory to transport(...).");
      }
      return transport(TransportDiscovery.named(name.strip(), classLoader()));
    }

    /**
     * Lets the client create its transport, with this builder's timeouts, and close it with itself.
     *
     * @param factory creates the transport, which the client then owns
     * @return this builder
     */
    public Builder transport(HttpTransportFactory factory) {
      this.transportFactory = Objects.requireNonNull(factory, "factory");
      this.transport = null;
      return this;
    }

    /**
     * How long opening a connection may take; 10 s by default.
     *
     * @param connectTimeout the connect timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * How long one attempt may take, from sending the request to the last byte of the response;
     * 60 s by default, as the API recommends.
     *
     * @param callTimeout the time one attempt may take, up to the last byte of the body
     * @return this builder
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = positive(callTimeout, "callTimeout");
      return this;
    }

    /**
     * The most connections the transport keeps open, where its HTTP library lets it be set; 50 by default.
     *
     * @param maxConnections the connection limit
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new ConfigurationException("maxConnections must be at least 1, not " + maxConnections + ".");
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * How TLS connections are made: the certificates trusted, a client certificate, the TLS versions
     * and whether HTTP/2 is offered; {@link TlsOptions#defaults()} (the JVM's trust, TLS 1.3 and 1.2,
     * HTTP/2 where the server agrees) by default. The server's host name is always verified. Applies
     * to a transport the client creates; configure a transport you pass in as an instance yourself.
     *
     * @param tls the TLS options
     * @return this builder
     */
    public Builder tls(TlsOptions tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      this.connectionOptionsSet = true;
      return this;
    }

    /**
     * The HTTP proxy to send calls through; {@link ProxyOptions#direct()} by default, on every
     * transport, whatever the JVM's proxy properties say ({@link ProxyOptions#fromSystemProperties()}
     * reads them when asked). Applies to a transport the client creates; configure a transport you pass
     * in as an instance yourself.
     *
     * @param proxy the proxy options
     * @return this builder
     */
    public Builder proxy(ProxyOptions proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      this.connectionOptionsSet = true;
      return this;
    }

    /**
     * The largest response body accepted, as it comes off the wire and once inflated from gzip; 4 MiB
     * by default. A larger body, of a success or an error, fails the call with a
     * {@link io.priokit.error.DecodingException} as soon as the bound is crossed, and its connection
     * is discarded: whatever a server sends, a call holds at most this much of it.
     *
     * @param maxResponseBytes the largest body accepted
     * @return this builder
     */
    public Builder maxResponseBytes(int maxResponseBytes) {
      if (maxResponseBytes < 1024) {
        throw new ConfigurationException("maxResponseBytes must be at least 1024, not " + maxResponseBytes + ".");
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * OAuth2 client credentials; protected calls then carry a bearer token.
     *
     * @param credentials the client id, secret and optional scope
     * @return this builder
     */
    public Builder credentials(ClientCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * OAuth2 client credentials, without a scope.
     *
     * @param clientId the OAuth2 client id
     * @param clientSecret the OAuth2 client secret
     * @return this builder
     */
    public Builder credentials(String clientId, String clientSecret) {
      return credentials(ClientCredentials.of(clientId, clientSecret));
    }

    /**
     * Allows {@code http://} to hosts other than loopback, for a trusted proxy or simulator on
     * another machine. Off by default: the API requires HTTPS, and plaintext exposes tokens.
     *
     * @param allowPlaintext whether {@code http://} is allowed beyond loopback
     * @return this builder
     */
    public Builder allowPlaintext(boolean allowPlaintext) {
      this.allowPlaintext = allowPlaintext;
      return this;
    }

    /**
     * How long a call may take in all, across its attempts and the waits between them; two minutes
     * by default. Each attempt gets the call timeout or what is left of the deadline, if shorter.
     *
     * @param deadline the time a whole call may take, retries and waits included
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * When and how failed calls are retried; {@link RetryPolicy#defaults()} by default.
     *
     * @param retryPolicy the retry policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * The fair-use guard and rate limit; {@link FairUsePolicy#defaults()} by default.
     *
     * @param fairUse the fair-use policy
     * @return this builder
     */
    public Builder fairUse(FairUsePolicy fairUse) {
      this.fairUse = Objects.requireNonNull(fairUse, "fairUse");
      return this;
    }

    /**
     * Where the fair-use limits are kept: in this client by default ({@link FairUseBudgetFactory#local()});
     * a budget shared by every instance behind one egress IP (such as {@code priokit-redis}) holds a
     * whole fleet to them, and lets its health streams share one poller.
     *
     * @param fairUseBudget makes the budget when the client is built
     * @return this builder
     */
    public Builder fairUseBudget(FairUseBudgetFactory fairUseBudget) {
      this.fairUseBudget = Objects.requireNonNull(fairUseBudget, "fairUseBudget");
      return this;
    }

    /**
     * Where protected calls get their access token, in place of the client credentials flow; for
     * tokens managed outside this client.
     *
     * @param tokenProvider supplies access tokens
     * @return this builder
     */
    public Builder tokenProvider(TokenProvider tokenProvider) {
      this.tokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider");
      return this;
    }

    /**
     * Receives the events of every call (its start and end, attempts, retries and fair-use refusals)
     * and token refreshes, for metrics and tracing, and may add trace-context headers
     * ({@code traceparent}, {@code tracestate}, {@code baggage}) to each request; none by default.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(PriokitListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The {@code App-Name} header: your application's name; {@code priokit} by default.
     *
     * @param name the application name
     * @return this builder
     */
    public Builder appName(String name) {
      return appHeader("App-Name", name);
    }

    /**
     * The {@code App-Version} header: your application's version; priokit's by default.
     *
     * @param version the application version
     * @return this builder
     */
    public Builder appVersion(String version) {
      return appHeader("App-Version", version);
    }

    /**
     * Any other application-info header, such as {@code App-Platform} or {@code App-Machine-ID}.
     * The API requires custom headers to start with {@code App-}; {@code App-Reference} is set per
     * call (see {@link #appReferences}).
     *
     * @param name the header name, starting with {@code App-}
     * @param value the header value
     * @return this builder
     */
    public Builder appHeader(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (!isToken(name) || name.length() > 64) {
        throw new ConfigurationException("Header name " + printable(name)
            + " cannot be sent: a name is at most 64 letters, digits and '-', such as App-Platform.");
      }
      if (!name.regionMatches(true, 0, "App-", 0, 4) || name.length() == 4) {
        throw new ConfigurationException("Header '" + name
            + "' is not an application-info header: the API requires names starting with 'App-'.");
      }
      if (name.equalsIgnoreCase("App-Reference")) {
        throw new ConfigurationException(
            "App-Reference is set per call; use appReferences(...) to choose how it is made.");
      }
      String problem = HeaderValues.problem(value);
      if (problem != null) {
        throw new ConfigurationException("Header " + name + " cannot be sent: " + problem + ".");
      }
      // Header names are case-insensitive: App-Name and app-name are one header, set once.
      appHeaders.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      appHeaders.put(name, value);
      return this;
    }

    /**
     * How each call's {@code App-Reference} is made; a random UUID by default. Supply your own to
     * carry an order or trace id into Prioticket's logs.
     *
     * @param appReferences supplies one reference per call
     * @return this builder
     */
    public Builder appReferences(Supplier<String> appReferences) {
      this.appReferences = Objects.requireNonNull(appReferences, "appReferences");
      return this;
    }

    /**
     * The clocks and timers that attempt timeouts, retries, deadlines, token expiry and fair use run
     * on, for virtual time in tests. By default attempt timeouts run on one timer thread per client,
     * started on first use and stopped by {@link PriokitClient#close()}, and so do the waits between
     * attempts unless the transport has timers of its own (Vert.x timers on the Vert.x transport). A
     * time source given here stays the caller's to close.
     *
     * @param timeSource the clock and scheduler
     * @return this builder
     */
    public Builder timeSource(TimeSource timeSource) {
      this.timeSource = Objects.requireNonNull(timeSource, "timeSource");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws ConfigurationException if no environment was chosen, no transport was given and not
     *     exactly one is on the class path, the base URI is plaintext to a host that is not loopback
     *     without {@link #allowPlaintext}, TLS or proxy options were given with a transport instance,
     *     or the transport cannot honour them
     *
     * @return the client; close it when done
     */
    public PriokitClient build() {
      if (environment == null) {
        throw new ConfigurationException("No environment: call environment(Environment.SANDBOX) "
            + "(or PRODUCTION, STAGING, INTERNAL) or baseUri(...) on the builder.");
      }
      URI base = environment.baseUri();
      if (base.getScheme().toLowerCase(Locale.ROOT).equals("http") && !allowPlaintext
          && !Loopback.isLoopback(base)) {
        throw new ConfigurationException("Plaintext HTTP to " + base.getHost()
            + " is refused: the API requires HTTPS and plaintext would expose credentials and tokens. "
            + "Use an https:// base URI, or call allowPlaintext(true) for a trusted proxy or simulator.");
      }
      if (transport != null) {
        if (connectionOptionsSet) {
          throw new ConfigurationException("TLS and proxy options apply to a transport the client creates, not "
              + "to the " + transport.name() + " transport passed in: configure that one yourself, or pass "
              + "its factory (such as transport(\"" + transport.name() + "\")) instead.");
        }
        return new PriokitClient(this, transport, false);
      }
      HttpTransportFactory factory =
          transportFactory != null ? transportFactory : TransportDiscovery.find(classLoader());
      return new PriokitClient(this, factory.create(
          new TransportOptions(connectTimeout, maxConnections, callTimeout, tls, proxy)), true);
    }

    private PipelineSettings settings() {
      return new PipelineSettings(environment, connectTimeout, callTimeout, deadline, maxResponseBytes,
          appHeaders, appReferences,
          credentials, tokenProvider, retryPolicy, fairUse, fairUseBudget, listener);
    }

    private static ClassLoader classLoader() {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null ? context : PriokitClient.class.getClassLoader();
    }

    /** The longest time any timeout, deadline or interval may be: longer ones are mistakes. */
    private static final Duration LONGEST = Duration.ofDays(1);

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
        throw new ConfigurationException(name + " must be positive and at most a day, not " + duration + ".");
      }
      return duration;
    }

    private static boolean isToken(String name) {
      return !name.isEmpty()
          && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    /** The text in quotes, with what a log line cannot show written as escapes. */
    private static String printable(String text) {
      StringBuilder shown = new StringBuilder("'");
      text.chars().limit(80).forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
          : String.format("\\u%04X", c)));
      return shown.append(text.length() > 80 ? "…'" : "'").toString();
    }
  }
}
