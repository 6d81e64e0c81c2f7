package io.priokit.error;

import java.time.Duration;

/**
 * The client refused to send the request, to keep the caller within the API's fair-use limits: the
 * API blocks a client for a minute after 60 responses with a 4xx status within a minute, and serves
 * at most 1000 requests a minute per IP address. {@link #retryAfter()} says when a request would be
 * sent again. Not retried by the client itself.
 */
public final class RequestRejectedException extends PriokitException {

  /** Which limit refused the request. */
  public enum Reason {
    /** Too many 4xx responses within the last minute: sending more risks the API's one-minute block. */
    FAIR_USE_GUARD,
    /** The client's own request rate limit has no room before the call's deadline. */
    RATE_LIMIT
  }

  /** Which limit refused the call. */
  private final Reason reason;
  /** The limit that refused the call, as configured. */
  private final int limit;
  /** How long until the limit frees. */
  private final Duration retryAfter;

  /**
   * Creates the exception for a request refused before it was sent.
   *
   * @param reason which limit refused the request
   * @param limit the limit, as configured, for the message
   * @param retryAfter when a request would be sent again
   * @param context the refused call
   */
  public RequestRejectedException(Reason reason, int limit, Duration retryAfter, FailureContext context) {
    this(reason, limit, retryAfter, null, context);
  }

  /**
   * Creates the exception for a request refused before it was sent.
   *
   * @param reason which limit refused the request
   * @param limit the limit, as configured, for the message
   * @param retryAfter when a request would be sent again
   * @param cause the failure of the call's previous attempt, when a retry was refused; else {@code null}
   * @param context the refused call
   */
  public RequestRejectedException(Reason reason, int limit, Duration retryAfter, Throwable cause,
      FailureContext context) {
    super(FailureMessages.failure(describe(reason, limit, retryAfter), context), cause, context);
    this.reason = reason;
    this.limit = limit;
    this.retryAfter = retryAfter;
  }

  /**
   * This refusal with the failure of the attempt before it as its cause: a refused retry must not
   * lose the error (a 429 and its {@code Retry-After}, say) that it was to retry.
   *
   * @param previous the previous attempt's failure
   * @return a refusal like this one, caused by {@code previous}
   */
  public RequestRejectedException causedBy(PriokitException previous) {
    return new RequestRejectedException(reason, limit, retryAfter, previous, context());
  }

  /** {@return the limit that refused the request, as configured} */
  public int limit() {
    return limit;
  }

  /** {@return which limit refused the request} */
  public Reason reason() {
    return reason;
  }

  /** {@return how long until a request would be sent again} */
  public Duration retryAfter() {
    return retryAfter;
  }

  private static String describe(Reason reason, int limit, Duration retryAfter) {
    String wait = Durations.format(retryAfter);
    return switch (reason) {
      case FAIR_USE_GUARD -> "Not sent: " + limit + " responses with a 4xx status within a minute; "
          + "more risks the API's one-minute block. Sending resumes in " + wait;
      case RATE_LIMIT -> "Not sent: the client's limit of " + limit
          + " requests a minute has no room before the deadline; next room in " + wait;
    };
  }
}
