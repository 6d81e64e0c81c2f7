package io.priokit.error;

/** 401 Authentication Failed: the access token was expired, revoked, malformed or otherwise invalid. */
public final class AuthenticationFailedException extends ClientErrorException {

  /**
   * @param response the error response (status 401)
   * @param context the call that received it
   */
  public AuthenticationFailedException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
