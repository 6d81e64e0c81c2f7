package io.priokit.error;

/** A documented 4xx status: the request must change (or, for 401 and 429, be re-authorised or slowed). */
public abstract sealed class ClientErrorException extends ApiException
    permits InvalidRequestException, AuthenticationFailedException, ForbiddenException,
        MethodNotAllowedException, NotAcceptableException, UnprocessableEntityException,
        LimitReachedException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response
   * @param context the call that received it
   */
  protected ClientErrorException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
