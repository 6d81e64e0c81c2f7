package io.priokit;

import io.priokit.error.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how a failed call is sent again. Connection failures, attempt timeouts, 429, 502, 503
 * and 504 are retried; 500 only when {@link #retryInternalServerError()}; other statuses never (a
 * repeated 4xx only brings the caller closer to the API's fair-use block). Waits grow exponentially
 * from {@link #initialBackoff()} up to {@link #maxBackoff()}, with full jitter; a {@code Retry-After}
 * from the server replaces the computed wait. Every wait ends at the call's deadline at the latest.
 *
 * @param maxAttempts the most tries of one call, the first included (1 disables retries); a try that
 *     is answered 401 gets one more request with a fresh token, which does not count as a retry
 * @param initialBackoff the cap of the first wait
 * @param maxBackoff the cap of any computed wait
 * @param retryInternalServerError whether 500 is retried
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff,
    boolean retryInternalServerError) {

  /**
   * Checks the values.
   *
   * @param maxAttempts the most tries of one call, the first included (1 disables retries); a try that is answered 401 gets one more request with a fresh token, which does not count as a retry
   * @param initialBackoff the cap of the first wait
   * @param maxBackoff the cap of any computed wait
   * @param retryInternalServerError whether 500 is retried
   */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new ConfigurationException("maxAttempts must be at least 1, not " + maxAttempts + ".");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ConfigurationException("Backoff must satisfy 0 <= initialBackoff <= maxBackoff, not "
          + initialBackoff + " and " + maxBackoff + ".");
    }
    if (maxBackoff.compareTo(LONGEST_BACKOFF) > 0) {
      throw new ConfigurationException("maxBackoff must be at most " + LONGEST_BACKOFF.toHours()
          + " hours, not " + maxBackoff + ": a call's deadline ends any wait long before.");
    }
  }

  /** The longest backoff accepted; longer ones are mistakes, and would overflow in nanoseconds. */
  private static final Duration LONGEST_BACKOFF = Duration.ofDays(1);

  /** {@return three attempts, waits from 200 ms up to 10 s, 500 not retried} */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(10), false);
  }

  /** {@return one attempt only} */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1);
  }

  /**
   * This policy with another attempt limit.
   *
   * @param maxAttempts the most attempts, the first included
   * @return the changed policy
   */
  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, retryInternalServerError);
  }

  /**
   * This policy with other backoff bounds.
   *
   * @param initialBackoff the bound of the first wait
   * @param maxBackoff the bound no wait exceeds
   * @return the changed policy
   */
  public RetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, retryInternalServerError);
  }

  /**
   * This policy, retrying 500 Internal Server Error or not.
   *
   * @param retry whether a 500 is retried
   * @return the changed policy
   */
  public RetryPolicy withRetryInternalServerError(boolean retry) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, retry);
  }

  /**
   * Whether a response with this status may be retried.
   *
   * @param statusCode the HTTP status
   * @return whether it may be retried
   */
  public boolean isRetryable(int statusCode) {
    return switch (statusCode) {
      case 429, 502, 503, 504 -> true;
      case 500 -> retryInternalServerError;
      default -> false;
    };
  }
}
