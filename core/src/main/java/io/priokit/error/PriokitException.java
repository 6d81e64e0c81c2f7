package io.priokit.error;

import java.util.Optional;

/**
 * Root of every failure priokit reports. Unchecked and sealed: a caller can branch exhaustively on
 * {@link ApiException} (a response arrived with an error status), {@link TransportException} (no
 * response), {@link PriokitTimeoutException}, {@link DecodingException}, {@link ConfigurationException}
 * and {@link RequestRejectedException} (refused on the client side to protect the caller's quota).
 *
 * <p>Every instance answers how many attempts were made, whether the failure was retryable, and the
 * {@code App-Reference} of the call, so a log line and a support ticket carry the same facts. Messages
 * never contain credentials or tokens.
 */
public abstract sealed class PriokitException extends RuntimeException
    permits ApiException, TransportException, PriokitTimeoutException, DecodingException,
        ConfigurationException, RequestRejectedException {

  private final transient FailureContext context;

  /**
   * Creates the exception; only this package's subclasses call it.
   *
   * @param message what happened, readable in one log line
   * @param cause the underlying failure, or {@code null}
   * @param context the call that failed
   */
  protected PriokitException(String message, Throwable cause, FailureContext context) {
    super(message, cause);
    this.context = context == null ? FailureContext.NONE : context;
  }

  /** {@return the call this failure belongs to} */
  public FailureContext context() {
    return context;
  }

  /** {@return how many attempts were sent before this failure was reported (0 if none was sent)} */
  public int attempts() {
    return context.attempts();
  }

  /** {@return whether the retry policy considered this failure retryable} */
  public boolean isRetryable() {
    return context.retryable();
  }

  /** {@return the {@code App-Reference} header the failed call was sent with, if it was sent} */
  public Optional<String> appReference() {
    return Optional.ofNullable(context.appReference());
  }
}
