package io.priokit.internal;

import io.priokit.spi.TimeSource;
import java.util.Optional;

/**
 * A client's clocks and its one timer thread. Attempt timeouts run on the client's
 * {@link TimeoutWheel}; so do the waits between attempts, unless the transport brings timers of its
 * own (Vert.x's). A time source given to the builder replaces both, so that tests run every timeout
 * and wait in virtual time; it stays the caller's to close.
 */
public final class ClientTimers implements AutoCloseable {

  private final TimeoutWheel wheel = new TimeoutWheel("priokit-timer");
  private final TimeSource waits;
  private final Timeouts timeouts;

  /**
   * @param given the time source given to the builder, or {@code null}
   * @param transports the transport's own timers, if it has them
   */
  public ClientTimers(TimeSource given, Optional<TimeSource> transports) {
    if (given != null) {
      waits = given;
      timeouts = Timeouts.on(given);
    } else {
      waits = transports.orElseGet(() -> new SystemTimeSource(wheel));
      timeouts = wheel;
    }
  }

  /** The clocks, and the timers of the waits between attempts. */
  public TimeSource waits() {
    return waits;
  }

  /** Where attempt timeouts are armed. */
  Timeouts timeouts() {
    return timeouts;
  }

  /** Stops the timer thread; a time source given to the builder is left alone. */
  @Override
  public void close() {
    wheel.close();
  }
}
