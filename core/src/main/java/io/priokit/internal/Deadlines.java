package io.priokit.internal;

import io.priokit.spi.TimeSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Holds a wait to what is left of its call's deadline. */
final class Deadlines {

  private Deadlines() {}

  /**
   * A future that completes as {@code future} does, or fails as the call's deadline passing, whichever
   * comes first. Cancelling it cancels {@code future}.
   */
  static <T> CompletableFuture<T> within(CallContext call, TimeSource time, CompletableFuture<T> future) {
    if (future.isDone()) {
      return future;
    }
    long remaining = call.remainingNanos(time.nanoTime());
    if (remaining <= 0) {
      future.cancel(true);
      return CompletableFuture.failedFuture(call.deadlinePassed(null));
    }
    CompletableFuture<T> bounded = new CompletableFuture<>();
    CompletableFuture<Void> timer = time.delay(Duration.ofNanos(remaining));
    timer.thenRun(() -> {
      if (bounded.completeExceptionally(call.deadlinePassed(null))) {
        future.cancel(true);
      }
    });
    future.whenComplete((value, failure) -> {
      timer.cancel(false);
      if (failure == null) {
        bounded.complete(value);
      } else {
        bounded.completeExceptionally(failure);
      }
    });
    bounded.whenComplete((value, failure) -> {
      if (bounded.isCancelled()) {
        timer.cancel(false);
        future.cancel(true);
      }
    });
    return bounded;
  }
}
