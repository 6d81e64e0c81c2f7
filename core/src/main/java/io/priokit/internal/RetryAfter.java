package io.priokit.internal;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code Retry-After} as delay-seconds or as an HTTP-date (RFC 9110, section 10.2.3). */
final class RetryAfter {

  private RetryAfter() {}

  /**
   * The wait a response asks for.
   *
   * @param headers the response headers
   * @param clock the clock an HTTP-date is measured against
   * @return the wait, never negative; empty when the header is absent or unreadable
   */
  static Optional<Duration> of(HttpHeaders headers, Clock clock) {
    return headers.firstValue("Retry-After").map(String::strip).flatMap(value -> parse(value, clock));
  }

  private static Optional<Duration> parse(String value, Clock clock) {
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException tooLarge) {
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }
}
