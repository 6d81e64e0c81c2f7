package io.priokit;

import io.priokit.error.ConfigurationException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the API lives: one of the four documented Prioticket environments, or any base URI (a local
 * simulator, a proxy, a future API version).
 *
 * @param name a short name, such as {@code sandbox}, or {@code custom}
 * @param baseUri the base URI the endpoint paths are appended to, without a trailing slash
 */
public record Environment(String name, URI baseUri) {

  /** The API version this client speaks. */
  public static final String API_VERSION = "v3.8";

  /** Production: real transactions. */
  public static final Environment PRODUCTION = documented("production", "distributor-api");

  /** Sandbox. */
  public static final Environment SANDBOX = documented("sandbox", "sandbox-distributor-api");

  /** Pre-production for UAT and certification; the specification's default. */
  public static final Environment STAGING = documented("staging", "staging-distributor-api");

  /** Reserved for Prioticket's internal use. */
  public static final Environment INTERNAL = documented("internal", "internal-distributor-api");

  private static final List<Environment> DOCUMENTED = List.of(PRODUCTION, SANDBOX, STAGING, INTERNAL);

  /**
   * Checks that the base URI is absolute HTTP(S) without query or fragment, and drops a trailing slash.
   *
   * @param name a short name, such as {@code sandbox}, or {@code custom}
   * @param baseUri the base URI the endpoint paths are appended to, without a trailing slash
   */
  public Environment {
    Objects.requireNonNull(name, "name");
    baseUri = normalise(Objects.requireNonNull(baseUri, "baseUri"));
  }

  /**
   * An environment at any base URI, such as {@code http://localhost:8080/v3.8/distributor}.
   *
   * @param baseUri an absolute {@code http} or {@code https} URI
   * @return the environment
   * @throws ConfigurationException if the URI is not usable as a base URI
   */
  public static Environment custom(URI baseUri) {
    return new Environment("custom", baseUri);
  }

  /**
   * An environment at any base URI, given as text.
   *
   * @param baseUri an absolute {@code http} or {@code https} URI
   * @return the environment
   * @throws ConfigurationException if the text is not usable as a base URI
   */
  public static Environment custom(String baseUri) {
    try {
      return custom(new URI(baseUri.strip()));
    } catch (java.net.URISyntaxException e) {
      // Neither the text nor the parser's reason (which quotes the text) is shown whole: it may hold a password.
      throw new ConfigurationException("Base URI '" + shown(baseUri)
          + "' is not a valid URI. Give an absolute URI such as https://host/v3.8/distributor.");
    }
  }

  /**
   * A documented environment by its name, ignoring case.
   *
   * @param name {@code production}, {@code sandbox}, {@code staging} or {@code internal}
   * @return the environment
   * @throws ConfigurationException naming the valid names if {@code name} is none of them
   */
  public static Environment named(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return DOCUMENTED.stream()
        .filter(environment -> environment.name().equals(wanted))
        .findFirst()
        .orElseThrow(() -> new ConfigurationException("Unknown environment '" + name
            + "'. Use production, sandbox, staging or internal, or give a base URI."));
  }

  /** {@return the four documented environments} */
  public static List<Environment> documented() {
    return DOCUMENTED;
  }

  /** {@return whether this is one of the four documented environments} */
  public boolean isDocumented() {
    return DOCUMENTED.contains(this);
  }

  /**
   * The absolute URI of an endpoint path such as {@code /system/ping}.
   *
   * @param path the endpoint path, starting with {@code /}
   * @return the base URI followed by the path
   */
  public URI resolve(String path) {
    return URI.create(baseUri + path);
  }

  @Override
  public String toString() {
    return name + " (" + baseUri + ")";
  }

  /**
   * A base URI as a message may show it: never its user info (which may hold a password), its query
   * or its fragment (which may hold keys).
   */
  private static String shown(String uri) {
    String withoutUserInfo = uri.replaceFirst("^([^:/?#]*:)?//[^/?#]*@", "$1//****@");
    int cut = withoutUserInfo.indexOf('?');
    int fragment = withoutUserInfo.indexOf('#');
    cut = cut < 0 ? fragment : fragment < 0 ? cut : Math.min(cut, fragment);
    return cut < 0 ? withoutUserInfo : withoutUserInfo.substring(0, cut) + "…";
  }

  private static Environment documented(String name, String hostPrefix) {
    return new Environment(name,
        URI.create("https://" + hostPrefix + ".prioticket.com/" + API_VERSION + "/distributor"));
  }

  private static URI normalise(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new ConfigurationException("Base URI '" + shown(uri.toString())
          + "' must be an absolute http or https URI, such as https://host/v3.8/distributor.");
    }
    if (uri.getHost() == null) {
      throw new ConfigurationException("Base URI '" + shown(uri.toString())
          + "' has no host it can be sent to (or its port is not a number from 1 to 65535).");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new ConfigurationException("Base URI of host " + uri.getHost() + " has port " + uri.getPort()
          + "; a port is a number from 1 to 65535.");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ConfigurationException("Base URI of host " + uri.getHost()
          + " must not carry user info (credentials belong in credentials(...)); give only scheme, host, port and path.");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigurationException("Base URI '" + shown(uri.toString())
          + "' must not carry a query or a fragment; give only scheme, host, port and path.");
    }
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
