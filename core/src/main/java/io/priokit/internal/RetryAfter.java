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

  /** The longest wait believed: a server asking for more is read as asking for a day. */
  static final Duration MAX_WAIT = Duration.ofDays(1);

  private RetryAfter() {}

  /**
   * The wait a response asks for.
   *
   * @param headers the response headers
   * @param now the time an HTTP-date is measured from
   * @return the wait, never negative; empty when the header is absent or unreadable
   */
  static Optional<Duration> of(HttpHeaders headers, Instant now) {
    return headers.firstValue("Retry-After").map(String::strip).flatMap(value -> parse(value, now))
        .map(wait -> wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
  }

  private static Optional<Duration> parse(String value, Instant now) {
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException tooLarge) {
        return Optional.of(MAX_WAIT);
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException | ArithmeticException unreadable) {
      return Optional.empty();
    }
  }
}
