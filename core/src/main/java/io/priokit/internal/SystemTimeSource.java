package io.priokit.internal;

import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportFailure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The system clocks, waiting on a {@link TimeoutWheel}: a client's waits between attempts share the
 * one thread that also holds its attempt timeouts.
 */
public final class SystemTimeSource implements TimeSource {

  private final TimeoutWheel wheel;
  private final boolean ownsWheel;

  SystemTimeSource(TimeoutWheel wheel) {
    this.wheel = wheel;
    this.ownsWheel = false;
  }

  /** System clocks with a timer thread of their own, started on first use and stopped by {@link #close()}. */
  public SystemTimeSource() {
    this.wheel = new TimeoutWheel("priokit-timer");
    this.ownsWheel = true;
  }

  @Override
  public CompletableFuture<Void> delay(Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (delay.isZero() || delay.isNegative()) {
      done.complete(null);
      return done;
    }
    if (wheel.isClosed()) {
      done.completeExceptionally(new TransportFailure(TransportFailure.Kind.TRANSPORT_CLOSED,
          "the client's timer was closed", null));
      return done;
    }
    Timeouts.Cancellable scheduled = wheel.schedule(delay.toNanos(), () -> done.complete(null));
    done.whenComplete((ignored, failure) -> {
      if (failure != null) {
        scheduled.cancel();
      }
    });
    return done;
  }

  @Override
  public void close() {
    if (ownsWheel) {
      wheel.close();
    }
  }
}
