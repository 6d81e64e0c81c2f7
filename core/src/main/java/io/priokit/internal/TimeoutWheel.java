package io.priokit.internal;

import io.priokit.spi.PriokitThreads;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A client's one timer: a hashed timing wheel for attempt timeouts, which are set on every attempt
 * and almost always cancelled, and for the waits between attempts. Scheduling and cancelling only
 * enqueue, and wake the wheel's thread only when it was asleep with nothing pending, so under load
 * an attempt pays a few nanoseconds instead of a context switch. The thread starts with the first
 * task, ticks every {@value #TICK_MILLIS} ms while tasks are pending and sleeps while none are;
 * tasks run up to one tick late, which is nothing against timeouts of seconds.
 */
final class TimeoutWheel implements Timeouts, AutoCloseable {

  static final long TICK_MILLIS = 10;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
  private static final int BUCKETS = 512;

  /** One scheduled task; {@link #cancel()} may be called from any thread. */
  static final class Timeout implements Timeouts.Cancellable {
    private final long deadline;
    private final Runnable task;
    private final AtomicBoolean done = new AtomicBoolean();
    private final TimeoutWheel wheel;
    private long rounds;
    private Bucket bucket;
    private Timeout previous;
    private Timeout next;

    private Timeout(long deadline, Runnable task, TimeoutWheel wheel) {
      this.deadline = deadline;
      this.task = task;
      this.wheel = wheel;
    }

    /** Stops the task from running, if it has not run yet. */
    @Override
    public void cancel() {
      if (done.compareAndSet(false, true)) {
        wheel.pending.decrementAndGet();
        wheel.cancelled.add(this);
      }
    }
  }

  /** A doubly linked list of timeouts, touched by the wheel's thread only. */
  private static final class Bucket {
    private Timeout head;
    private Timeout tail;

    void add(Timeout timeout) {
      timeout.bucket = this;
      timeout.previous = tail;
      if (tail == null) {
        head = timeout;
      } else {
        tail.next = timeout;
      }
      tail = timeout;
    }

    void remove(Timeout timeout) {
      if (timeout.previous == null) {
        head = timeout.next;
      } else {
        timeout.previous.next = timeout.next;
      }
      if (timeout.next == null) {
        tail = timeout.previous;
      } else {
        timeout.next.previous = timeout.previous;
      }
      timeout.bucket = null;
      timeout.previous = null;
      timeout.next = null;
    }
  }

  private final Bucket[] buckets = new Bucket[BUCKETS];
  private final ConcurrentLinkedQueue<Timeout> added = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Timeout> cancelled = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean idle = new AtomicBoolean();
  private final String threadName;
  private volatile Thread thread;
  private final long start = System.nanoTime();
  private long tick;
  private volatile boolean closed;

  /** @param threadName the name of the wheel's thread, for thread dumps */
  TimeoutWheel(String threadName) {
    this.threadName = threadName;
    for (int i = 0; i < BUCKETS; i++) {
      buckets[i] = new Bucket();
    }
  }

  /**
   * Runs the task after the delay, on the wheel's thread, unless cancelled first. The task must be
   * quick: it delays every other task of this wheel while it runs. After {@link #close()} tasks are
   * accepted and never run.
   */
  @Override
  public Timeout schedule(long delayNanos, Runnable task) {
    Timeout timeout = new Timeout(System.nanoTime() + delayNanos, task, this);
    pending.incrementAndGet();
    added.add(timeout);
    Thread running = thread;
    if (running == null) {
      startThread();
    } else if (idle.get() && idle.compareAndSet(true, false)) {
      LockSupport.unpark(running);
    }
    return timeout;
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  /** Stops the wheel's thread; pending tasks never run. */
  @Override
  public synchronized void close() {
    closed = true;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  private synchronized void startThread() {
    if (thread == null && !closed) {
      Thread started = PriokitThreads.named(threadName).newThread(this::run);
      thread = started;
      started.start();
    }
  }

  private void run() {
    while (!closed) {
      removeCancelled();
      placeAdded();
      expire(buckets[(int) (tick % BUCKETS)]);
      tick++;
      waitForNextTick();
    }
  }

  private void waitForNextTick() {
    if (pending.get() == 0 && added.isEmpty()) {
      // Drop what was cancelled since this tick, so that no exchange stays reachable while asleep.
      removeCancelled();
      idle.set(true);
      while (idle.get() && pending.get() == 0 && !closed) {
        LockSupport.park(this);
      }
      idle.set(false);
      // Start counting ticks from now: nothing was pending while asleep.
      tick = (System.nanoTime() - start) / TICK_NANOS;
      return;
    }
    long next = start + (tick + 1) * TICK_NANOS - System.nanoTime();
    if (next > 0) {
      LockSupport.parkNanos(this, next);
    }
  }

  private void removeCancelled() {
    for (Timeout timeout; (timeout = cancelled.poll()) != null; ) {
      if (timeout.bucket != null) {
        timeout.bucket.remove(timeout);
      }
    }
  }

  private void placeAdded() {
    for (Timeout timeout; (timeout = added.poll()) != null; ) {
      if (timeout.done.get()) {
        continue;
      }
      long due = Math.max(tick, (timeout.deadline - start + TICK_NANOS - 1) / TICK_NANOS);
      timeout.rounds = (due - tick) / BUCKETS;
      buckets[(int) (due % BUCKETS)].add(timeout);
    }
  }

  private void expire(Bucket bucket) {
    long now = System.nanoTime();
    Bucket following = buckets[(int) ((tick + 1) % BUCKETS)];
    Timeout timeout = bucket.head;
    while (timeout != null) {
      Timeout next = timeout.next;
      if (timeout.rounds > 0) {
        timeout.rounds--;
      } else {
        bucket.remove(timeout);
        if (timeout.deadline > now) {
          // This tick came a little early: never fire before the deadline, try at the next tick.
          following.add(timeout);
        } else if (timeout.done.compareAndSet(false, true)) {
          pending.decrementAndGet();
          runQuietly(timeout.task);
        }
      }
      timeout = next;
    }
  }

  private static void runQuietly(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException broken) {
      // A task that throws must not stop the wheel: every other task depends on it.
    }
  }
}
