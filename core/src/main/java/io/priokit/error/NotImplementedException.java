package io.priokit.error;

/** 501 Not Implemented: the API does not support the requested functionality (yet). */
public final class NotImplementedException extends ServerErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 501)
   * @param context the call that received it
   */
  public NotImplementedException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
