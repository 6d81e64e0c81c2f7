package io.priokit.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The times of the latest events, to tell the most that fell within any span: a bounded log. */
final class ArrivalLog {

  private static final int KEPT = 100_000;

  private final ArrayDeque<Long> times = new ArrayDeque<>();

  synchronized void add(long nanoTime) {
    if (times.size() == KEPT) {
      times.removeFirst();
    }
    times.addLast(nanoTime);
  }

  /** The most events within any span of {@code window}, counting from one event to the next. */
  int mostWithin(Duration window) {
    List<Long> sorted;
    synchronized (this) {
      sorted = new ArrayList<>(times);
    }
    sorted.sort(Long::compare);
    int most = 0;
    for (int first = 0, last = 0; last < sorted.size(); last++) {
      while (sorted.get(last) - sorted.get(first) >= window.toNanos()) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }
}
