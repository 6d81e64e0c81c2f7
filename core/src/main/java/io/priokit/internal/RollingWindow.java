package io.priokit.internal;

/**
 * The last {@code capacity} event times, in the order they happen, to tell whether that many happened
 * within a rolling window and, if so, when the oldest leaves it. Serves both the fair-use guard (4xx
 * responses) and the rate limit (requests, reserved ahead so that waiting callers queue in order).
 * Not thread-safe: its owner holds the lock.
 */
final class RollingWindow {

  private final long[] times;
  private final long windowNanos;
  private int oldest;
  private int size;

  RollingWindow(int capacity, long windowNanos) {
    this.times = new long[capacity];
    this.windowNanos = windowNanos;
  }

  /** How long until one more event fits in the window; 0 when it fits now. */
  long waitNanos(long now) {
    return size < times.length ? 0 : Math.max(0, times[oldest] + windowNanos - now);
  }

  /** How many of the events are still within the window at {@code now}. */
  int count(long now) {
    int within = size;
    for (int i = 0; i < size && times[(oldest + i) % times.length] + windowNanos <= now; i++) {
      within--;
    }
    return within;
  }

  /** How long until the oldest event still within the window leaves it, or -1 when none is within it. */
  long nextDepartureNanos(long now) {
    for (int i = 0; i < size; i++) {
      long leaves = times[(oldest + i) % times.length] + windowNanos;
      if (leaves > now) {
        return leaves - now;
      }
    }
    return -1;
  }

  /** Records an event at {@code time}, which is no earlier than any recorded before. */
  void record(long time) {
    if (size < times.length) {
      times[(oldest + size++) % times.length] = time;
    } else {
      times[oldest] = time;
      oldest = (oldest + 1) % times.length;
    }
  }

  /**
   * Gives back a place reserved for an event that did not happen. Later places stay where they are,
   * which is as early as they could be with it, or later; a place already pushed out by newer events
   * is not held any more and needs nothing.
   */
  void release(long time) {
    for (int i = size - 1; i >= 0; i--) {
      if (times[(oldest + i) % times.length] == time) {
        for (int j = i; j < size - 1; j++) {
          times[(oldest + j) % times.length] = times[(oldest + j + 1) % times.length];
        }
        size--;
        return;
      }
    }
  }

  /**
   * Reserves the earliest place for an event, no earlier than {@code earliest}, if it comes before
   * {@code maxWaitNanos} has passed (a place at its very end leaves no time to act).
   *
   * @return the wait until the reserved place (0 for now), or minus the wait needed when it does not
   *     come in time (nothing is reserved then)
   */
  long reserve(long now, long earliest, long maxWaitNanos) {
    long place = Math.max(earliest, now + waitNanos(now));
    long wait = place - now;
    if (wait > 0 && wait >= maxWaitNanos) {
      return -wait;
    }
    record(place);
    return wait;
  }
}
