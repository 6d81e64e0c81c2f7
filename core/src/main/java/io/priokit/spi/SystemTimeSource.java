package io.priokit.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link TimeSource#system()}: system clocks and one lazily started daemon timer thread. */
final class SystemTimeSource implements TimeSource {

  private ScheduledThreadPoolExecutor timer;
  private boolean closed;

  @Override
  public CompletableFuture<Void> delay(Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (delay.isZero() || delay.isNegative()) {
      done.complete(null);
      return done;
    }
    ScheduledThreadPoolExecutor executor = timer();
    if (executor == null) {
      done.completeExceptionally(new TransportFailure(TransportFailure.Kind.TRANSPORT_CLOSED,
          "the client's timer was closed", null));
      return done;
    }
    ScheduledFuture<?> scheduled =
        executor.schedule(() -> done.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
    done.whenComplete((ignored, failure) -> scheduled.cancel(false));
    return done;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private synchronized ScheduledThreadPoolExecutor timer() {
    if (closed) {
      return null;
    }
    if (timer == null) {
      timer = new ScheduledThreadPoolExecutor(1, PriokitThreads.named("priokit-timer"));
      timer.setRemoveOnCancelPolicy(true);
    }
    return timer;
  }
}
