package io.priokit.error;

import java.time.Duration;

/**
 * A time limit passed before a response arrived. {@link #kind()} says which limit: opening the
 * connection, one attempt, or the overall deadline of the call across its attempts.
 */
public final class PriokitTimeoutException extends PriokitException {

  /** Which time limit passed. */
  public enum Kind {
    /** Opening the connection took longer than the connect timeout. */
    CONNECT,
    /** One attempt (request and complete response) took longer than the call timeout. */
    ATTEMPT,
    /** The call, across all its attempts and the waits between them, passed its deadline. */
    DEADLINE
  }

  /** Which limit passed. */
  private final Kind kind;
  /** The limit that passed. */
  private final Duration timeout;

  /**
   * Creates the exception for a limit that passed.
   *
   * @param kind which limit passed
   * @param timeout the limit that passed
   * @param cause the underlying failure, or {@code null}
   * @param context the call that timed out
   */
  public PriokitTimeoutException(Kind kind, Duration timeout, Throwable cause, FailureContext context) {
    super(FailureMessages.failure(describe(kind, timeout), context), cause, context);
    this.kind = kind;
    this.timeout = timeout;
  }

  /** {@return which time limit passed} */
  public Kind kind() {
    return kind;
  }

  /** {@return the limit that passed} */
  public Duration timeout() {
    return timeout;
  }

  private static String describe(Kind kind, Duration timeout) {
    String limit = Durations.format(timeout);
    return switch (kind) {
      case CONNECT -> "Connect timeout: no connection within " + limit;
      case ATTEMPT -> "Call timeout: no complete response within " + limit;
      case DEADLINE -> "Deadline passed: no success within " + limit;
    };
  }
}
