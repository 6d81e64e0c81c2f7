package io.priokit.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which header values may be logged: an allow-list, so that a header nobody thought of (and
 * {@code Authorization}, always) shows only its name.
 */
final class Redaction {

  private static final Set<String> LOGGABLE = Set.of(
      "accept", "accept-encoding", "content-type", "content-length", "content-encoding", "date", "server",
      "retry-after", "x-request-id", "request-id", "x-correlation-id", "app-name", "app-version",
      "app-flavor", "app-package-name", "app-build-number", "app-platform", "app-reference",
      "app-machine-id");

  private static final String HIDDEN = "<redacted>";

  private Redaction() {}

  /**
   * The headers with every value not on the allow-list replaced by {@code <redacted>}, and every known
   * secret scrubbed from those that are on it (a server may echo a token in any header).
   */
  static Map<String, Object> headers(Map<String, ?> headers, KnownSecrets secrets) {
    Map<String, Object> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> shown.put(name, isLoggable(name) ? scrubbed(value, secrets) : redacted(value)));
    return shown;
  }

  private static Object scrubbed(Object value, KnownSecrets secrets) {
    return value instanceof List<?> values ? values.stream().map(v -> secrets.scrub(String.valueOf(v))).toList()
        : secrets.scrub(String.valueOf(value));
  }

  static boolean isLoggable(String headerName) {
    return LOGGABLE.contains(headerName.toLowerCase(Locale.ROOT));
  }

  private static Object redacted(Object value) {
    return value instanceof List<?> values ? values.stream().map(v -> HIDDEN).toList() : HIDDEN;
  }
}
