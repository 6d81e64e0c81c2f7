package io.priokit.error;

/** 405 Method Not Allowed: the resource does not support the request method. */
public final class MethodNotAllowedException extends ClientErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 405)
   * @param context the call that received it
   */
  public MethodNotAllowedException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
