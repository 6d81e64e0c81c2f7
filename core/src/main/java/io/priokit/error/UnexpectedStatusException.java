package io.priokit.error;

/**
 * A status the API does not document for the call, such as 404, 407 or 418 from a proxy or a
 * misconfigured base URI. Carries the same details as the documented types.
 */
public final class UnexpectedStatusException extends ApiException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response
   * @param context the call that received it
   */
  public UnexpectedStatusException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }
}
