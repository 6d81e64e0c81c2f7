package io.priokit.error;

/** 429 Too Many Requests: the caller was rate limited; see {@link #retryAfter()} for how long to wait. */
public final class LimitReachedException extends ClientErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 429)
   * @param context the call that received it
   */
  public LimitReachedException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
