package io.priokit.error;

/** 500 Internal Server Error: the API met an unexpected condition. */
public final class InternalServerErrorException extends ServerErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 500)
   * @param context the call that received it
   */
  public InternalServerErrorException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
