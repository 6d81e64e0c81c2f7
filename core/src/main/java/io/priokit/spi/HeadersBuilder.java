package io.priokit.spi;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects a response's headers, as an HTTP library hands them over one by one, into the
 * {@link HttpHeaders} a {@link TransportResponse} carries (case-insensitive and immutable).
 */
public final class HeadersBuilder {

  private final Map<String, List<String>> headers = new HashMap<>();

  /** Adds one header line; a name may come many times. */
  public HeadersBuilder add(String name, String value) {
    headers.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
    return this;
  }

  /** The headers collected. */
  public HttpHeaders build() {
    try {
      return HttpHeaders.of(headers, (name, value) -> true);
    } catch (IllegalArgumentException sameNameInTwoCases) {
      // Rare: a name sent twice in different cases. Merge them, as HTTP treats them as one.
      Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((name, values) -> merged.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values));
      return HttpHeaders.of(merged, (name, value) -> true);
    }
  }
}
