package io.priokit.error;

/** 400 Invalid Request: the API could not process the request as sent; {@link #errors()} usually says why. */
public final class InvalidRequestException extends ClientErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 400)
   * @param context the call that received it
   */
  public InvalidRequestException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
