package io.priokit.error;

import java.util.Optional;

/** 403 Forbidden: the access token lacks the privileges the request needs; see {@link #scope()}. */
public final class ForbiddenException extends ClientErrorException {

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response (status 403)
   * @param context the call that received it
   */
  public ForbiddenException(ErrorResponse response, FailureContext context) {
    super(response, context);
  }

  /** {@return the scope the request needed, when the API named it} */
  public Optional<String> scope() {
    return Optional.ofNullable(response().body().scope());
  }
}
