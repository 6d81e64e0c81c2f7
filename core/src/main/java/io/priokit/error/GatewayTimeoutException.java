package io.priokit.error;

/** 504 Gateway Timeout: a gateway, or the supplier or third-party system behind the API, did not answer in time. */
public final class GatewayTimeoutException extends ServerErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 504)
   * @param context the call that received it
   */
  public GatewayTimeoutException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
