package io.priokit.error;

import java.time.Duration;

/** Formats durations the way people write them in logs: {@code 250ms}, {@code 4s}, {@code 1m30s}. */
final class Durations {

  private Durations() {}

  /**
   * Formats a duration with the largest sensible units.
   *
   * @param duration a non-negative duration
   * @return for example {@code 250ms}, {@code 4s}, {@code 1.5s} or {@code 2m}
   */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return millis % 1_000 == 0 ? millis / 1_000 + "s" : String.format("%.1fs", millis / 1_000.0);
    }
    long minutes = millis / 60_000;
    long seconds = (millis % 60_000) / 1_000;
    return seconds == 0 ? minutes + "m" : minutes + "m" + seconds + "s";
  }
}
