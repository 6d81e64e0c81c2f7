package io.priokit.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The time port: what retries, backoff, deadlines, token expiry and fair-use windows read and wait
 * on. Injected so that tests run those policies in virtual time and a Vert.x application runs them on
 * its own timers. {@link #system()} is the default.
 */
public interface TimeSource extends AutoCloseable {

  /** {@return a monotonic reading in nanoseconds, for measuring intervals only; the system's by default} */
  default long nanoTime() {
    return System.nanoTime();
  }

  /** {@return the wall-clock time, for {@code Retry-After} dates and token expiry; the system's by default} */
  default Instant instant() {
    return Instant.now();
  }

  /**
   * A future that completes after the delay. Cancelling it, or completing it exceptionally, removes
   * its timer.
   *
   * @param delay how long to wait; zero or negative completes at once
   * @return the future
   */
  CompletableFuture<Void> delay(Duration delay);

  /** Releases the timer's thread, if it has one. */
  @Override
  default void close() {}

  /** {@return the system clocks, with one daemon timer thread started on first use and stopped by {@link #close()}} */
  static TimeSource system() {
    return new io.priokit.internal.SystemTimeSource();
  }
}
