package io.priokit.transport.jdk;

import io.priokit.error.ConfigurationException;
import io.priokit.net.ProxyOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JVM-wide networking properties that would keep the JDK client from doing what priokit
 * promises, checked when a transport is created so that a misfit fails at start-up with what to do,
 * not on a call. They are read as the JDK reads them: the system property, else the JDK's
 * {@code conf/net.properties}. The JDK reads each once, when {@code java.net.http} is first used, so
 * set them on the command line; priokit never changes them, as they belong to the whole JVM.
 */
final class JdkNetProperties {

  /** When set (empty or {@code true}), every JDK client in the JVM skips host name verification. */
  static final String HOSTNAME_VERIFICATION_OFF = "jdk.internal.httpclient.disableHostnameVerification";

  /** The schemes the JDK client will not send to a proxy through a tunnel: {@code Basic} by default. */
  static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

  private JdkNetProperties() {}

  /**
   * Checks that host names are verified and, if the proxy has credentials, that the JDK client may
   * send Basic ones through a {@code CONNECT} tunnel.
   *
   * @param proxy the proxy the transport will use
   * @throws ConfigurationException naming the property and the value to set
   */
  static void check(ProxyOptions proxy) {
    String verification = System.getProperty(HOSTNAME_VERIFICATION_OFF);
    if (verification != null && (verification.isEmpty() || Boolean.parseBoolean(verification))) {
      throw new ConfigurationException("Host name verification is off for every java.net.http client in this "
          + "JVM (-D" + HOSTNAME_VERIFICATION_OFF + "), and priokit does not send credentials over TLS without "
          + "it: remove that property.");
    }
    if (proxy.username().isPresent() && disablesBasicInTunnels(netProperty(TUNNELING_DISABLED_SCHEMES))) {
      throw new ConfigurationException("The JDK's HttpClient does not send Basic credentials to proxy "
          + proxy.address() + " through an HTTPS tunnel while " + TUNNELING_DISABLED_SCHEMES
          + " lists Basic, as the JDK does by default. Start the JVM with -D" + TUNNELING_DISABLED_SCHEMES
          + "= (empty; read once, when java.net.http is first used), or use the apache or vertx transport, "
          + "which need no such setting. priokit does not change this JVM-wide setting for you.");
    }
  }

  /** Whether a value of {@link #TUNNELING_DISABLED_SCHEMES} bars Basic, as the JDK parses it. */
  static boolean disablesBasicInTunnels(String schemes) {
    return schemes != null && Stream.of(schemes.split(",")).map(String::trim)
        .anyMatch(scheme -> scheme.toLowerCase(Locale.ROOT).equals("basic"));
  }

  private static String netProperty(String name) {
    String value = System.getProperty(name);
    if (value != null) {
      return value;
    }
    Path file = Path.of(System.getProperty("java.home"), "conf", "net.properties");
    Properties defaults = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      defaults.load(in);
    } catch (IOException unreadable) {
      return null;
    }
    return defaults.getProperty(name);
  }
}
