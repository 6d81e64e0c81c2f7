package io.priokit.net;

import io.priokit.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The HTTP proxy a client sends its calls through, or none ({@link #direct()}, the default on every
 * transport, whatever the JVM's proxy properties say). HTTPS calls go through a {@code CONNECT}
 * tunnel, so the proxy sees the API's host and port but not the requests, their {@code Authorization}
 * included; the proxy's own credentials ({@code Proxy-Authorization}, Basic) go to the proxy only.
 *
 * <pre>{@code
 * ProxyOptions proxy = ProxyOptions.http("proxy.corp.example", 3128)
 *     .credentials("svc-prioticket", proxyPassword)
 *     .noProxy("localhost", "*.corp.example")
 *     .build();
 * }</pre>
 *
 * <p>A proxy that refuses the credentials fails the call at once with a
 * {@link io.priokit.error.TransportException} of reason {@code PROXY_AUTHENTICATION_FAILED} naming the
 * proxy; it is never retried. The password never appears in {@link #toString()}, a message or a log
 * line, and is hidden wherever a server echoes it.
 */
public final class ProxyOptions {

  private static final ProxyOptions DIRECT = new ProxyOptions(null, 0, null, null, List.of());

  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final List<String> noProxyHosts;

  private ProxyOptions(String host, int port, String username, String password, List<String> noProxyHosts) {
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
    this.noProxyHosts = noProxyHosts;
  }

  /**
   * No proxy: connect to the API directly. The default.
   *
   * @return options for no proxy
   */
  public static ProxyOptions direct() {
    return DIRECT;
  }

  /**
   * A builder of an HTTP proxy.
   *
   * @param host the proxy's host name or IP address, without a scheme
   * @param port the proxy's port
   * @return the builder
   * @throws ConfigurationException if the host or port cannot be a proxy's
   */
  public static Builder http(String host, int port) {
    return new Builder(host, port);
  }

  /**
   * The proxy the JVM's standard properties name, read now: {@code https.proxyHost} and
   * {@code https.proxyPort} (443 if unset, as the JDK has it), the hosts in {@code http.nonProxyHosts}
   * (separated by {@code |}, as the JDK reads them for HTTPS too), and Basic credentials from
   * {@code https.proxyUser} and {@code https.proxyPassword} (not read by the JDK itself, but by build
   * tools and many applications). The {@code https.*} properties are read because the API is HTTPS.
   *
   * @return the proxy, or {@link #direct()} if {@code https.proxyHost} is not set
   * @throws ConfigurationException if the properties are set but unusable
   */
  public static ProxyOptions fromSystemProperties() {
    return fromProperties(System::getProperty);
  }

  /** {@link #fromSystemProperties()} over any source of properties. */
  static ProxyOptions fromProperties(UnaryOperator<String> property) {
    String host = property.apply("https.proxyHost");
    if (host == null || host.isBlank()) {
      return DIRECT;
    }
    String portText = property.apply("https.proxyPort");
    int port;
    try {
      port = portText == null || portText.isBlank() ? 443 : Integer.parseInt(portText.strip());
    } catch (NumberFormatException notANumber) {
      throw new ConfigurationException("Proxy: https.proxyPort must be a port number, not '" + portText + "'.");
    }
    Builder builder = http(host.strip(), port);
    String user = property.apply("https.proxyUser");
    String password = property.apply("https.proxyPassword");
    if (user != null && !user.isBlank()) {
      if (password == null) {
        throw new ConfigurationException("Proxy: https.proxyUser is set without https.proxyPassword.");
      }
      builder.credentials(user, password);
    } else if (password != null) {
      throw new ConfigurationException("Proxy: https.proxyPassword is set without https.proxyUser.");
    }
    String noProxy = property.apply("http.nonProxyHosts");
    if (noProxy != null) {
      for (String entry : noProxy.split("\\|")) {
        if (!entry.isBlank()) {
          builder.noProxy(entry);
        }
      }
    }
    return builder.build();
  }

  /**
   * Whether calls go to the API directly, through no proxy.
   *
   * @return {@code true} if there is no proxy
   */
  public boolean isDirect() {
    return host == null;
  }

  /**
   * The proxy's host name or IP address.
   *
   * @throws IllegalStateException if there is no proxy
   *
   * @return the proxy's host
   */
  public String host() {
    requireProxy();
    return host;
  }

  /**
   * The proxy's port.
   *
   * @throws IllegalStateException if there is no proxy
   *
   * @return the proxy's port
   */
  public int port() {
    requireProxy();
    return port;
  }

  /**
   * The proxy's {@code host:port}, for messages; {@code direct} if there is none.
   *
   * @return {@code host:port} or {@code direct}
   */
  public String address() {
    return isDirect() ? "direct" : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * The user name sent to the proxy, if it asks for credentials.
   *
   * @return the user name, or empty if none is sent
   */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /**
   * The password sent to the proxy. A secret: hand it to the proxy only.
   *
   * @return the password, or empty if none is sent
   */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /**
   * The value of a {@code Proxy-Authorization} header carrying the credentials, {@code Basic} and the
   * user and password in Base64, for adapters that set the header themselves. A secret.
   *
   * @return the header value, or empty without credentials
   */
  public Optional<String> proxyAuthorization() {
    return username == null ? Optional.empty() : Optional.of("Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The hosts reached directly, as given to {@link Builder#noProxy}, in lower case.
   *
   * @return the hosts and patterns reached directly
   */
  public List<String> noProxyHosts() {
    return noProxyHosts;
  }

  /**
   * Whether a call to the host goes directly rather than through the proxy: always when there is no
   * proxy, else when the host matches an entry of {@link #noProxyHosts()}. Every transport decides by
   * this one rule, so the list means the same on each: an entry is a host name or IP address (matched
   * ignoring case), {@code *.example.com} or {@code .example.com} (any host under example.com, not
   * example.com itself), {@code 192.168.*} (any host that starts so), or {@code *} (every host).
   *
   * @param host the host of the request's URI
   * @return whether to connect to it directly
   */
  public boolean bypasses(String host) {
    if (isDirect()) {
      return true;
    }
    String candidate = unbracketed(host.toLowerCase(Locale.ROOT));
    for (String entry : noProxyHosts) {
      if (entry.equals("*")
          || entry.startsWith("*") && candidate.endsWith(entry.substring(1))
          || entry.startsWith(".") && candidate.endsWith(entry)
          || entry.endsWith("*") && candidate.startsWith(entry.substring(0, entry.length() - 1))
          || entry.equals(candidate)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProxyOptions that && port == that.port && Objects.equals(host, that.host)
        && Objects.equals(username, that.username) && Objects.equals(password, that.password)
        && noProxyHosts.equals(that.noProxyHosts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, username, password, noProxyHosts);
  }

  /** Names the proxy, the user and the no-proxy hosts; the password is shown as {@code ****}. */
  @Override
  public String toString() {
    if (isDirect()) {
      return "ProxyOptions[direct]";
    }
    return "ProxyOptions[" + address() + (username == null ? "" : ", user=" + username + ", password=****")
        + (noProxyHosts.isEmpty() ? "" : ", noProxy=" + noProxyHosts) + "]";
  }

  private void requireProxy() {
    if (isDirect()) {
      throw new IllegalStateException("no proxy: calls go directly");
    }
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Builds the {@link ProxyOptions} of an HTTP proxy. */
  public static final class Builder {

    private final String host;
    private final int port;
    private String username;
    private String password;
    private final List<String> noProxyHosts = new ArrayList<>();

    private Builder(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || host.contains("/") || host.chars().anyMatch(c -> c <= ' ' || c == '@')) {
        // Never quoted: a host written as a URL may carry the proxy's password.
        throw new ConfigurationException("Proxy: the host is not a host name or IP address; give the host "
            + "alone, such as proxy.example.com, without a scheme, user, password or path.");
      }
      if (port < 1 || port > 65_535) {
        throw new ConfigurationException("Proxy: port must be between 1 and 65535, not " + port + ".");
      }
      this.host = unbracketed(host.toLowerCase(Locale.ROOT));
      this.port = port;
    }

    /**
     * Basic credentials for a proxy that asks for them ({@code 407 Proxy Authentication Required}).
     *
     * @param username the user name, without a colon
     * @param password the password; a secret
     * @return this builder
     * @throws ConfigurationException if either is empty or has control characters, or the user name a
     *     colon
     */
    public Builder credentials(String username, String password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isEmpty() || username.contains(":") || hasControlCharacters(username)) {
        throw new ConfigurationException("Proxy: the user name must be non-empty, without a colon or control "
            + "characters.");
      }
      if (password.isEmpty() || hasControlCharacters(password)) {
        // The message never repeats the password.
        throw new ConfigurationException("Proxy: the password of user " + username
            + " must be non-empty, without control characters.");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * Hosts reached directly rather than through the proxy; see {@link ProxyOptions#bypasses} for how
     * an entry matches. Adds to those given before.
     *
     * @param hosts host names, IP addresses or patterns
     * @return this builder
     * @throws ConfigurationException for an empty entry or one with spaces
     */
    public Builder noProxy(String... hosts) {
      return noProxy(List.of(hosts));
    }

    /**
     * Hosts reached directly rather than through the proxy, as {@link #noProxy(String...)}.
     *
     * @param hosts host names, IP addresses or patterns
     * @return this builder
     * @throws ConfigurationException for an empty entry or one with spaces
     */
    public Builder noProxy(List<String> hosts) {
      for (String host : hosts) {
        String entry = host == null ? "" : host.strip();
        if (entry.isEmpty() || entry.chars().anyMatch(c -> c <= ' ')) {
          throw new ConfigurationException("Proxy: no-proxy entry '" + host + "' must be a host, an IP address "
              + "or a pattern such as *.example.com, without spaces.");
        }
        noProxyHosts.add(unbracketed(entry.toLowerCase(Locale.ROOT)));
      }
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public ProxyOptions build() {
      return new ProxyOptions(host, port, username, password, List.copyOf(noProxyHosts));
    }

    private static boolean hasControlCharacters(String text) {
      return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
  }
}
