package io.priokit.internal;

/**
 * The last {@code capacity} event times, to tell whether that many happened within a rolling window
 * and, if so, when the oldest leaves it. Serves both the fair-use guard (4xx responses) and the rate
 * limit (requests, reserved ahead so that waiting callers queue in order).
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
  synchronized long waitNanos(long now) {
    return size < times.length ? 0 : Math.max(0, times[oldest] + windowNanos - now);
  }

  /** Records an event at {@code time}. */
  synchronized void record(long time) {
    if (size < times.length) {
      times[(oldest + size++) % times.length] = time;
    } else {
      times[oldest] = time;
      oldest = (oldest + 1) % times.length;
    }
  }

  /**
   * Reserves the earliest place for an event, if it comes within {@code maxWaitNanos}.
   *
   * @return the wait until the reserved place (0 for now), or minus the wait needed when it is longer
   *     than {@code maxWaitNanos} (nothing is reserved then)
   */
  synchronized long reserve(long now, long maxWaitNanos) {
    long wait = waitNanos(now);
    if (wait > maxWaitNanos) {
      return -wait;
    }
    record(now + wait);
    return wait;
  }
}
