package io.priokit.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth2 access token. Its value never appears in {@link #toString()}.
 *
 * @param tokenType the type, {@code Bearer} for the API
 * @param value the token itself
 * @param expiresAt when it expires
 * @param scope the scope it was granted, or {@code null}
 */
public record AccessToken(String tokenType, String value, Instant expiresAt, String scope) {

  /**
   * Checks the parts.
   *
   * @param tokenType the type, {@code Bearer} for the API
   * @param value the token itself
   * @param expiresAt when it expires
   * @param scope the scope it was granted, or {@code null}
   */
  public AccessToken {
    Objects.requireNonNull(tokenType, "tokenType");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** {@return the {@code Authorization} header value: {@code <token_type> <access_token>}} */
  public String authorization() {
    return tokenType + " " + value;
  }

  /** Names type, expiry and scope; the value is shown as {@code ****}. */
  @Override
  public String toString() {
    return "AccessToken[" + tokenType + " ****, expiresAt=" + expiresAt
        + (scope == null ? "" : ", scope=" + scope) + "]";
  }
}
