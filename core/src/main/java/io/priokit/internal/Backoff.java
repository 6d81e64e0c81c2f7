package io.priokit.internal;

import io.priokit.RetryPolicy;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with full jitter: the wait before retry {@code n} is drawn evenly from
 * zero to {@code min(maxBackoff, initialBackoff * 2^(n-1))}, so clients that failed together do not
 * retry together.
 */
final class Backoff {

  private final RetryPolicy policy;
  private final DoubleSupplier jitter;

  /** @param jitter draws evenly from [0, 1) */
  Backoff(RetryPolicy policy, DoubleSupplier jitter) {
    this.policy = policy;
    this.jitter = jitter;
  }

  /** The wait after the given failed attempt (1 for the first). */
  Duration after(int failedAttempt) {
    long initial = policy.initialBackoff().toNanos();
    long cap = policy.maxBackoff().toNanos();
    int doublings = Math.min(Math.max(failedAttempt, 1) - 1, 62);
    long ceiling = initial > (cap >> doublings) ? cap : Math.min(cap, initial << doublings);
    return Duration.ofNanos((long) (ceiling * jitter.getAsDouble()));
  }
}
