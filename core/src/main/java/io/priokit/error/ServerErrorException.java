package io.priokit.error;

/** A documented 5xx status: the API or a system behind it failed; the same request may succeed later. */
public abstract sealed class ServerErrorException extends ApiException
    permits InternalServerErrorException, NotImplementedException, BadGatewayException,
        ServiceUnavailableException, GatewayTimeoutException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response
   * @param context the call that received it
   */
  protected ServerErrorException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
