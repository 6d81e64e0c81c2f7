package io.priokit.error;

/** 503 Service Unavailable: the API is not ready to handle the request. */
public final class ServiceUnavailableException extends ServerErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 503)
   * @param context the call that received it
   */
  public ServiceUnavailableException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
