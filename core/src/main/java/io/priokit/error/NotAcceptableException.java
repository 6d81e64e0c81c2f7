package io.priokit.error;

/** 406 Not Acceptable: the API cannot produce a representation the request's {@code Accept} headers allow. */
public final class NotAcceptableException extends ClientErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 406)
   * @param context the call that received it
   */
  public NotAcceptableException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
