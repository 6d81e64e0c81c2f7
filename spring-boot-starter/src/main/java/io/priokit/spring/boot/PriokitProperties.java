package io.priokit.spring.boot;

import io.priokit.net.HttpVersionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code priokit.*} properties of the client the starter makes. Only the environment is required;
 * what is left unset keeps the client builder's default.
 */
@ConfigurationProperties(prefix = "priokit")
public class PriokitProperties {

  /**
   * Where to send calls: production, sandbox, staging, internal, or a base URI such as
   * http://localhost:8080/v3.8/distributor.
   */
  private String environment;

  /**
   * The OAuth2 client id; with the client secret, status calls carry a bearer token. Unset, the
   * environment variable PRIOTICKET_CLIENT_ID is read, as the health command reads it.
   */
  private String clientId;

  /** The OAuth2 client secret. Unset, the environment variable PRIOTICKET_CLIENT_SECRET is read. */
  private String clientSecret;

  /** The OAuth2 scope to ask for, if any. */
  private String scope;

  /**
   * The transport: jdk, apache or vertx. Needed only when several transport modules are on the class
   * path; with one, it is found by itself.
   */
  private String transport;

  /** How long opening a connection may take (the builder's default: 10s). */
  private Duration connectTimeout;

  /** How long one attempt may take, up to the last byte of the response (the builder's default: 60s). */
  private Duration callTimeout;

  /** How long a whole call may take, retries and waits included (the builder's default: 2m). */
  private Duration deadline;

  /** The most connections the transport keeps open, where its library lets it be set (default: 50). */
  private Integer maxConnections;

  /** The largest response body accepted, in bytes (the builder's default: 4 MiB). */
  private Integer maxResponseBytes;

  /** Whether http:// is allowed to hosts other than loopback, for a trusted proxy or simulator. */
  private boolean allowPlaintext;

  /** The App-Name header: the application's name (the builder's default: priokit). */
  private String appName;

  /** The App-Version header: the application's version (the builder's default: priokit's). */
  private String appVersion;

  /** When and how failed calls are retried. */
  private final Retry retry = new Retry();

  /** The fair-use guard and the rate limit. */
  private final FairUse fairUse = new FairUse();

  /** The prioticket health indicator. */
  private final Health health = new Health();

  /** How TLS connections are made: the certificates trusted, a client certificate, the versions. */
  private final Tls tls = new Tls();

  /** The HTTP proxy calls go through; unset, calls go directly, whatever the JVM's proxy properties say. */
  private final Proxy proxy = new Proxy();

  /** Properties with nothing set: bound from the environment by Spring Boot. */
  public PriokitProperties() {}

  /** {@return where to send calls: a documented environment's name or a base URI} */
  public String getEnvironment() {
    return environment;
  }

  /**
   * Sets {@code priokit.environment}.
   *
   * @param environment a documented environment's name or a base URI
   */
  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  /** {@return the OAuth2 client id} */
  public String getClientId() {
    return clientId;
  }

  /**
   * Sets {@code priokit.client-id}.
   *
   * @param clientId the OAuth2 client id
   */
  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  /** {@return the OAuth2 client secret} */
  public String getClientSecret() {
    return clientSecret;
  }

  /**
   * Sets {@code priokit.client-secret}.
   *
   * @param clientSecret the OAuth2 client secret
   */
  public void setClientSecret(String clientSecret) {
    this.clientSecret = clientSecret;
  }

  /** {@return the OAuth2 scope, or null} */
  public String getScope() {
    return scope;
  }

  /**
   * Sets {@code priokit.scope}.
   *
   * @param scope the OAuth2 scope to ask for
   */
  public void setScope(String scope) {
    this.scope = scope;
  }

  /** {@return the transport's name, or null to find the one on the class path} */
  public String getTransport() {
    return transport;
  }

  /**
   * Sets {@code priokit.transport}.
   *
   * @param transport jdk, apache or vertx
   */
  public void setTransport(String transport) {
    this.transport = transport;
  }

  /** {@return the connect timeout, or null for the builder's} */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets {@code priokit.connect-timeout}.
   *
   * @param connectTimeout how long opening a connection may take
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** {@return the call timeout, or null for the builder's} */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  /**
   * Sets {@code priokit.call-timeout}.
   *
   * @param callTimeout how long one attempt may take
   */
  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /** {@return the deadline, or null for the builder's} */
  public Duration getDeadline() {
    return deadline;
  }

  /**
   * Sets {@code priokit.deadline}.
   *
   * @param deadline how long a whole call may take
   */
  public void setDeadline(Duration deadline) {
    this.deadline = deadline;
  }

  /** {@return the connection limit, or null for the builder's} */
  public Integer getMaxConnections() {
    return maxConnections;
  }

  /**
   * Sets {@code priokit.max-connections}.
   *
   * @param maxConnections the most connections the transport keeps open
   */
  public void setMaxConnections(Integer maxConnections) {
    this.maxConnections = maxConnections;
  }

  /** {@return the bound on response bodies, or null for the builder's} */
  public Integer getMaxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Sets {@code priokit.max-response-bytes}.
   *
   * @param maxResponseBytes the largest response body accepted
   */
  public void setMaxResponseBytes(Integer maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /** {@return whether plaintext HTTP is allowed beyond loopback} */
  public boolean isAllowPlaintext() {
    return allowPlaintext;
  }

  /**
   * Sets {@code priokit.allow-plaintext}.
   *
   * @param allowPlaintext whether plaintext HTTP is allowed beyond loopback
   */
  public void setAllowPlaintext(boolean allowPlaintext) {
    this.allowPlaintext = allowPlaintext;
  }

  /** {@return the App-Name header, or null for the builder's} */
  public String getAppName() {
    return appName;
  }

  /**
   * Sets {@code priokit.app-name}.
   *
   * @param appName the App-Name header
   */
  public void setAppName(String appName) {
    this.appName = appName;
  }

  /** {@return the App-Version header, or null for the builder's} */
  public String getAppVersion() {
    return appVersion;
  }

  /**
   * Sets {@code priokit.app-version}.
   *
   * @param appVersion the App-Version header
   */
  public void setAppVersion(String appVersion) {
    this.appVersion = appVersion;
  }

  /** {@return the retry settings} */
  public Retry getRetry() {
    return retry;
  }

  /** {@return the fair-use settings} */
  public FairUse getFairUse() {
    return fairUse;
  }

  /** {@return the health indicator's settings} */
  public Health getHealth() {
    return health;
  }

  /** {@return the TLS settings} */
  public Tls getTls() {
    return tls;
  }

  /** {@return the proxy settings} */
  public Proxy getProxy() {
    return proxy;
  }

  /** {@code priokit.retry.*}: each unset one keeps {@code RetryPolicy.defaults()}'s value. */
  public static class Retry {

    /** Settings with nothing set. */
    public Retry() {}

    /** How many attempts a call may make, the first included (default: 3); 1 turns retries off. */
    private Integer maxAttempts;

    /** The cap of the first backoff wait (default: 200ms); each next one doubles, up to the max. */
    private Duration initialBackoff;

    /** The longest backoff wait (default: 10s). */
    private Duration maxBackoff;

    /** Whether a 500 Internal Server Error is retried (default: false). */
    private Boolean internalServerError;

    /** {@return the attempts per call, or null for the default} */
    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets {@code priokit.retry.max-attempts}.
     *
     * @param maxAttempts the attempts per call, the first included
     */
    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /** {@return the first backoff's cap, or null for the default} */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /**
     * Sets {@code priokit.retry.initial-backoff}.
     *
     * @param initialBackoff the first backoff's cap
     */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /** {@return the longest backoff, or null for the default} */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets {@code priokit.retry.max-backoff}.
     *
     * @param maxBackoff the longest backoff
     */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** {@return whether a 500 is retried, or null for the default} */
    public Boolean getInternalServerError() {
      return internalServerError;
    }

    /**
     * Sets {@code priokit.retry.internal-server-error}.
     *
     * @param internalServerError whether a 500 is retried
     */
    public void setInternalServerError(Boolean internalServerError) {
      this.internalServerError = internalServerError;
    }
  }

  /** {@code priokit.fair-use.*}: each unset one keeps {@code FairUsePolicy.defaults()}'s value. */
  public static class FairUse {

    /** Settings with nothing set. */
    public FairUse() {}

    /** Whether the client keeps within the API's fair-use limits at all (default: true). */
    private boolean enabled = true;

    /** Responses with a 4xx status within a rolling minute after which calls are refused (default: 50). */
    private Integer clientErrorsPerMinute;

    /** Requests within a rolling minute beyond which calls wait their turn (default: 1000). */
    private Integer requestsPerMinute;

    /** {@return whether the fair-use guard and rate limit are on} */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets {@code priokit.fair-use.enabled}.
     *
     * @param enabled whether the fair-use guard and rate limit are on
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** {@return the 4xx responses a minute before refusing, or null for the default} */
    public Integer getClientErrorsPerMinute() {
      return clientErrorsPerMinute;
    }

    /**
     * Sets {@code priokit.fair-use.client-errors-per-minute}.
     *
     * @param clientErrorsPerMinute the 4xx responses a minute before refusing
     */
    public void setClientErrorsPerMinute(Integer clientErrorsPerMinute) {
      this.clientErrorsPerMinute = clientErrorsPerMinute;
    }

    /** {@return the requests a minute, or null for the default} */
    public Integer getRequestsPerMinute() {
      return requestsPerMinute;
    }

    /**
     * Sets {@code priokit.fair-use.requests-per-minute}.
     *
     * @param requestsPerMinute the requests a minute
     */
    public void setRequestsPerMinute(Integer requestsPerMinute) {
      this.requestsPerMinute = requestsPerMinute;
    }
  }

  /** {@code priokit.health.*}: the prioticket health indicator. */
  public static class Health {

    /** Settings with nothing set. */
    public Health() {}

    /** The longest the indicator keeps the actuator waiting for a check; the check goes on after it. */
    private Duration timeout = Duration.ofSeconds(2);

    /** How long a check's answer is given before a new check is made. */
    private Duration refreshAfter = Duration.ofSeconds(10);

    /** {@return the longest wait for a check} */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets {@code priokit.health.timeout}.
     *
     * @param timeout the longest wait for a check
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /** {@return how long an answer is reused} */
    public Duration getRefreshAfter() {
      return refreshAfter;
    }

    /**
     * Sets {@code priokit.health.refresh-after}.
     *
     * @param refreshAfter how long an answer is reused
     */
    public void setRefreshAfter(Duration refreshAfter) {
      this.refreshAfter = refreshAfter;
    }
  }

  /** {@code priokit.tls.*}: each unset one keeps {@code TlsOptions.defaults()}'s value. */
  public static class Tls {

    /** Settings with nothing set. */
    public Tls() {}

    /**
     * The certificates trusted in place of the JVM's (its cacerts): a private CA's, or a TLS-inspecting
     * proxy's. Include the public roots too if some hosts are reached directly.
     */
    private final Store trustStore = new Store();

    /** The private key and certificate presented when the server asks for a client certificate. */
    private final Store keyStore = new Store();

    /** The TLS versions allowed, most preferred first: TLSv1.3, TLSv1.2 or both (default: both). */
    private List<String> protocols;

    /** Whether HTTP/2 is offered over TLS: negotiate (the default) or http-1-1 for HTTP/1.1 only. */
    private HttpVersionPolicy httpVersion;

    /** {@return the trust store's settings} */
    public Store getTrustStore() {
      return trustStore;
    }

    /** {@return the client certificate's key store settings} */
    public Store getKeyStore() {
      return keyStore;
    }

    /** {@return the TLS versions allowed, or null for the default} */
    public List<String> getProtocols() {
      return protocols;
    }

    /**
     * Sets {@code priokit.tls.protocols}.
     *
     * @param protocols the TLS versions allowed, most preferred first
     */
    public void setProtocols(List<String> protocols) {
      this.protocols = protocols;
    }

    /** {@return whether HTTP/2 is offered, or null for the default} */
    public HttpVersionPolicy getHttpVersion() {
      return httpVersion;
    }

    /**
     * Sets {@code priokit.tls.http-version}.
     *
     * @param httpVersion negotiate, or http-1-1 for HTTP/1.1 only
     */
    public void setHttpVersion(HttpVersionPolicy httpVersion) {
      this.httpVersion = httpVersion;
    }
  }

  /** {@code priokit.tls.trust-store.*} or {@code priokit.tls.key-store.*}: a key store file. */
  public static class Store {

    /** Settings with nothing set. */
    public Store() {}

    /** The file's path. */
    private Path location;

    /** The file's type: PKCS12 or JKS. */
    private String type = "PKCS12";

    /** The file's password (for a key store, its key's too). A secret: keep it out of the application's files. */
    private String password;

    /** {@return the file, or null for none} */
    public Path getLocation() {
      return location;
    }

    /**
     * Sets the store's {@code location}.
     *
     * @param location the file
     */
    public void setLocation(Path location) {
      this.location = location;
    }

    /** {@return the file's type} */
    public String getType() {
      return type;
    }

    /**
     * Sets the store's {@code type}.
     *
     * @param type PKCS12 or JKS
     */
    public void setType(String type) {
      this.type = type;
    }

    /** {@return the file's password, or null} */
    public String getPassword() {
      return password;
    }

    /**
     * Sets the store's {@code password}.
     *
     * @param password the file's password
     */
    public void setPassword(String password) {
      this.password = password;
    }
  }

  /**
   * {@code priokit.proxy.*}: an HTTP proxy, reached with a CONNECT tunnel for the API's HTTPS, or the
   * JVM's proxy properties when asked.
   */
  public static class Proxy {

    /** Settings with nothing set. */
    public Proxy() {}

    /** The proxy's host name or IP address, without a scheme. */
    private String host;

    /** The proxy's port. */
    private Integer port;

    /** The user name of the proxy's Basic credentials, if it asks for them. */
    private String username;

    /** The password of the proxy's Basic credentials. A secret: keep it out of the application's files. */
    private String password;

    /**
     * Hosts reached directly: host names, IP addresses, *.example.com or .example.com (the hosts under
     * example.com), 192.168.* (the hosts that start so), or * (every host).
     */
    private List<String> noProxy;

    /**
     * Whether to use the proxy the JVM's properties name (https.proxyHost, https.proxyPort,
     * http.nonProxyHosts, https.proxyUser, https.proxyPassword) in place of the ones above.
     */
    private boolean useSystemProperties;

    /** {@return the proxy's host, or null for no proxy} */
    public String getHost() {
      return host;
    }

    /**
     * Sets {@code priokit.proxy.host}.
     *
     * @param host the proxy's host name or IP address
     */
    public void setHost(String host) {
      this.host = host;
    }

    /** {@return the proxy's port, or null} */
    public Integer getPort() {
      return port;
    }

    /**
     * Sets {@code priokit.proxy.port}.
     *
     * @param port the proxy's port
     */
    public void setPort(Integer port) {
      this.port = port;
    }

    /** {@return the proxy's user name, or null} */
    public String getUsername() {
      return username;
    }

    /**
     * Sets {@code priokit.proxy.username}.
     *
     * @param username the proxy's user name
     */
    public void setUsername(String username) {
      this.username = username;
    }

    /** {@return the proxy's password, or null} */
    public String getPassword() {
      return password;
    }

    /**
     * Sets {@code priokit.proxy.password}.
     *
     * @param password the proxy's password
     */
    public void setPassword(String password) {
      this.password = password;
    }

    /** {@return the hosts reached directly, or null for none} */
    public List<String> getNoProxy() {
      return noProxy;
    }

    /**
     * Sets {@code priokit.proxy.no-proxy}.
     *
     * @param noProxy the hosts reached directly
     */
    public void setNoProxy(List<String> noProxy) {
      this.noProxy = noProxy;
    }

    /** {@return whether the JVM's proxy properties are used} */
    public boolean isUseSystemProperties() {
      return useSystemProperties;
    }

    /**
     * Sets {@code priokit.proxy.use-system-properties}.
     *
     * @param useSystemProperties whether the JVM's proxy properties are used
     */
    public void setUseSystemProperties(boolean useSystemProperties) {
      this.useSystemProperties = useSystemProperties;
    }
  }
}
