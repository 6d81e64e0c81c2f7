package io.priokit.error;

/** 502 Bad Gateway: a gateway, or the supplier or third-party system behind the API, answered badly. */
public final class BadGatewayException extends ServerErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 502)
   * @param context the call that received it
   */
  public BadGatewayException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
