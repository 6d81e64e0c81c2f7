package io.priokit.internal;

import java.net.http.HttpHeaders;
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
   * @param now the time an HTTP-date is measured from
   * @return the wait, never negative; empty when the header is absent or unreadable
   */
  static Optional<Duration> of(HttpHeaders headers, Instant now) {
    return headers.firstValue("Retry-After").map(String::strip).flatMap(value -> parse(value, now));
  }

  private static Optional<Duration> parse(String value, Instant now) {
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException tooLarge) {
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }
}
