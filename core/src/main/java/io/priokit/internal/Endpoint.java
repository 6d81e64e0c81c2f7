package io.priokit.internal;

/** The API operations this client calls, with what the pipeline needs to know of each. */
public enum Endpoint {
  /** {@code GET /system/ping}: no authorisation required. */
  SYSTEM_PING("GET", "/system/ping", false),
  /** {@code GET /system/status}: sent with the bearer token when credentials are configured. */
  SYSTEM_STATUS("GET", "/system/status", true),
  /** {@code POST /oauth2/token}: client credentials for an access token (Basic authorisation). */
  OAUTH_TOKEN("POST", io.priokit.error.AuthenticationFailedException.TOKEN_PATH, false);

  private final String method;
  private final String path;
  private final boolean authorised;

  Endpoint(String method, String path, boolean authorised) {
    this.method = method;
    this.path = path;
    this.authorised = authorised;
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The path below the base URI. */
  public String path() {
    return path;
  }

  /** Whether the call carries the bearer token when credentials are configured. */
  public boolean authorised() {
    return authorised;
  }
}
