package io.priokit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** Reads a duration as people write it ({@code 4s}, {@code 500ms}, {@code 2m}) or in ISO-8601 ({@code PT4S}). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    Duration parsed;
    try {
      if (value.startsWith("p")) {
        parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
      } else if (value.endsWith("ms")) {
        parsed = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      } else if (value.endsWith("s")) {
        parsed = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("m")) {
        parsed = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      } else {
        throw new CommandLine.TypeConversionException("needs a unit, such as 4s, 500ms, 1m or PT4S, not " + text);
      }
    } catch (NumberFormatException | DateTimeParseException unreadable) {
      throw new CommandLine.TypeConversionException("is not a duration: " + text + " (use 4s, 500ms, 1m or PT4S)");
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw new CommandLine.TypeConversionException("must be positive, not " + text);
    }
    return parsed;
  }
}
