package io.priokit.error;

/**
 * Authentication failed: the API answered 401 to a call even after one fresh token (the access token
 * was expired, revoked, malformed or otherwise invalid), or the token endpoint refused the client
 * credentials ({@link #isTokenRequest()}; {@link #errorCode()} then holds the OAuth2 error such as
 * {@code invalid_client}, and {@link #statusCode()} may be 400 as well as 401).
 */
public final class AuthenticationFailedException extends ClientErrorException {

  /** The path of the API's token endpoint, below the base URI. */
  public static final String TOKEN_PATH = "/oauth2/token";

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 401, or 400 from the token endpoint)
   * @param context the call that received it
   */
  public AuthenticationFailedException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }

  /** {@return whether the token endpoint refused the credentials, rather than an API call its token} */
  public boolean isTokenRequest() {
    return context().request() != null && context().request().endsWith(TOKEN_PATH);
  }
}
