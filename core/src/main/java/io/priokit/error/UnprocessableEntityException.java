package io.priokit.error;

/** 422 Unprocessable Entity: the request was well formed but its instructions could not be carried out. */
public final class UnprocessableEntityException extends ClientErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 422)
   * @param context the call that received it
   */
  public UnprocessableEntityException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
