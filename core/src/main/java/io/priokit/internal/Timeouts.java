package io.priokit.internal;

import io.priokit.spi.TimeSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Where a client arms its attempt timeouts: set on every attempt and almost always cancelled, so
 * both must be cheap. The client's {@link TimeoutWheel} by default; a time source given to the
 * builder (virtual time in tests) otherwise, so that timeouts keep its time too.
 */
interface Timeouts {

  /** A scheduled task that has not run yet can be stopped. */
  interface Cancellable {
    /** Stops the task from running, if it has not run yet; may be called from any thread. */
    void cancel();
  }

  /**
   * Runs the task after the delay unless it is cancelled first. The task must be quick.
   *
   * @param delayNanos how long to wait
   * @param task what to run
   * @return a handle to cancel it
   */
  Cancellable schedule(long delayNanos, Runnable task);

  /** Timeouts on the waits of a time source. */
  static Timeouts on(TimeSource time) {
    return (delayNanos, task) -> {
      CompletableFuture<Void> wait = time.delay(Duration.ofNanos(delayNanos));
      wait.thenRun(task);
      return () -> wait.cancel(false);
    };
  }
}
