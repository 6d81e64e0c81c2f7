package io.priokit.testkit;

import io.priokit.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link TimeSource} whose time moves only when told: {@link #advance} fires the timers that fall
 * due.
 */
public final class VirtualTime implements TimeSource {

  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final Instant epoch;
  private long nanos;
  private long sequence;

  /** Virtual time starting at the given wall-clock instant. */
  public VirtualTime(Instant epoch) {
    this.epoch = epoch;
  }

  /** Virtual time starting at 2026-11-27T10:00:00Z. */
  public VirtualTime() {
    this(Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized Instant instant() {
    return epoch.plusNanos(nanos);
  }

  /** How far the clock has moved. */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(nanos);
  }

  /** How many timers wait to fire. */
  public synchronized int pendingTimers() {
    timers.removeIf(timer -> timer.done.isDone());
    return timers.size();
  }

  @Override
  public CompletableFuture<Void> delay(Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (this) {
      if (delay.isZero() || delay.isNegative()) {
        done.complete(null);
        return done;
      }
      timers.add(new Timer(nanos + delay.toNanos(), sequence++, done));
    }
    return done;
  }

  /** Moves the clock and fires, in order, every timer that falls due. */
  public void advance(Duration by) {
    List<CompletableFuture<Void>> due = new ArrayList<>();
    synchronized (this) {
      nanos += by.toNanos();
      while (!timers.isEmpty() && timers.peek().at <= nanos) {
        due.add(timers.poll().done);
      }
    }
    due.forEach(done -> done.complete(null));
  }

  /**
   * Moves the clock from timer to timer until the future completes.
   *
   * @return the future, done
   * @throws AssertionError if no timer is left and the future is still not done
   */
  public <T> CompletableFuture<T> runUntilDone(CompletableFuture<T> future) {
    while (!future.isDone()) {
      Duration next;
      synchronized (this) {
        timers.removeIf(timer -> timer.done.isDone());
        if (timers.isEmpty()) {
          throw new AssertionError("no timer pending and the future is not done: " + future);
        }
        next = Duration.ofNanos(timers.peek().at - nanos);
      }
      advance(next);
    }
    return future;
  }

  private record Timer(long at, long sequence, CompletableFuture<Void> done) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      return at != other.at ? Long.compare(at, other.at) : Long.compare(sequence, other.sequence);
    }
  }
}
