package io.priokit.transport.vertx;

import io.priokit.spi.TimeSource;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits on Vert.x timers, so a client on the Vert.x transport starts no timer thread of its own and
 * its retries resume on the event loop.
 */
final class VertxTimeSource implements TimeSource {

  private final Vertx vertx;

  VertxTimeSource(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public CompletableFuture<Void> delay(Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (delay.isZero() || delay.isNegative()) {
      done.complete(null);
      return done;
    }
    // Vert.x timers count whole milliseconds: round up, never wake early.
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(delay.toNanos() + 999_999));
    long timer = vertx.setTimer(millis, fired -> done.complete(null));
    done.whenComplete((ignored, failure) -> {
      if (failure != null) {
        vertx.cancelTimer(timer);
      }
    });
    return done;
  }
}
