package io.priokit.internal;

import java.util.concurrent.CompletableFuture;

/**
 * One attempt's timeout, armed on the client's {@link Timeouts} when the exchange starts: when it
 * fires it aborts the exchange (cancelling its future, or interrupting a blocking send), and
 * remembers that it did, so the failure that follows is reported as the timeout it is.
 */
final class AttemptTimeout implements Runnable {

  private final Timeouts timeouts;
  private final long limitNanos;
  private volatile boolean fired;
  private Object exchange;
  private Timeouts.Cancellable armed;

  AttemptTimeout(Timeouts timeouts, long limitNanos) {
    this.timeouts = timeouts;
    this.limitNanos = limitNanos;
  }

  /** Arms the timeout over an asynchronous exchange, which it cancels when it fires. */
  void arm(CompletableFuture<?> future) {
    exchange = future;
    armed = timeouts.schedule(limitNanos, this);
  }

  /** Arms the timeout over a blocking send, which it interrupts when it fires. */
  void arm(BlockingSend send) {
    exchange = send;
    armed = timeouts.schedule(limitNanos, this);
  }

  /** The exchange ended first: the timeout will not fire. */
  void disarm() {
    Timeouts.Cancellable pending = armed;
    if (pending != null) {
      pending.cancel();
    }
  }

  @Override
  public void run() {
    if (exchange instanceof CompletableFuture<?> future) {
      if (!future.isDone()) {
        fired = true;
        future.cancel(true);
      }
    } else if (exchange instanceof BlockingSend send) {
      send.run();
    }
  }

  /** A blocking send reported that this timeout interrupted it. */
  void markFired() {
    fired = true;
  }

  /** Whether the timeout fired and aborted the exchange. */
  boolean fired() {
    return fired;
  }
}
