package io.priokit;

import io.priokit.error.ConfigurationException;
import java.util.Objects;
import java.util.Optional;

/**
 * OAuth2 client credentials for the API's token endpoint. The secret never appears in
 * {@link #toString()}, in messages or in logs.
 */
public final class ClientCredentials {

  private final String clientId;
  private final String clientSecret;
  private final String scope;

  private ClientCredentials(String clientId, String clientSecret, String scope) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scope = scope;
  }

  /**
   * Credentials without a scope.
   *
   * @param clientId the client id
   * @param clientSecret the client secret
   * @return the credentials
   * @throws ConfigurationException if either is missing or blank
   */
  public static ClientCredentials of(String clientId, String clientSecret) {
    return of(clientId, clientSecret, null);
  }

  /**
   * Credentials that ask for a scope.
   *
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param scope the scope to request, or {@code null} for the client's default
   * @return the credentials
   * @throws ConfigurationException if the id or secret is missing or blank
   */
  public static ClientCredentials of(String clientId, String clientSecret, String scope) {
    if (clientId == null || clientId.isBlank()) {
      throw new ConfigurationException("Client id is missing: pass the client id Prioticket issued.");
    }
    if (clientId.indexOf(':') >= 0 || clientId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      // In Basic authorisation a colon ends the id; a line break would end the header.
      throw new ConfigurationException("Client id cannot contain ':' or control characters (line breaks, tabs): "
          + "Basic authorisation could not carry it. Check for a stray character where it is read.");
    }
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new ConfigurationException(
          "Client secret is missing for client id " + clientId + ": pass the secret Prioticket issued.");
    }
    if (clientSecret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new ConfigurationException("Client secret for client id " + clientId
          + " contains control characters (a line break, say): check for a stray one where it is read.");
    }
    return new ClientCredentials(clientId, clientSecret, scope == null || scope.isBlank() ? null : scope);
  }

  /** {@return the client id; not a secret} */
  public String clientId() {
    return clientId;
  }

  /** {@return the client secret} Hand it only to the token endpoint. */
  public String clientSecret() {
    return clientSecret;
  }

  /** {@return the scope to request, if any} */
  public Optional<String> scope() {
    return Optional.ofNullable(scope);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClientCredentials that
        && clientId.equals(that.clientId)
        && clientSecret.equals(that.clientSecret)
        && Objects.equals(scope, that.scope);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clientId, clientSecret, scope);
  }

  /** Names the client id and scope; the secret is shown as {@code ****}. */
  @Override
  public String toString() {
    return "ClientCredentials[clientId=" + clientId + ", clientSecret=****"
        + (scope == null ? "" : ", scope=" + scope) + "]";
  }
}
