package io.priokit.observe;

import java.util.Set;

/**
 * Where a {@link CallListener} puts the trace-context headers of one request. Only the W3C
 * trace-context and baggage headers can be added: a listener cannot set {@code Authorization}, an
 * {@code App-*} header or any other, and each value is checked as the {@code App-*} values are
 * (visible ASCII, no line breaks, at most 1,024 characters).
 */
public interface TraceHeaders {

  /** The headers that can be added, in lower case: {@code traceparent}, {@code tracestate}, {@code baggage}. */
  Set<String> NAMES = Set.of("traceparent", "tracestate", "baggage");

  /**
   * Whether a header of this name can be added.
   *
   * @param name a header name, in any case
   * @return whether it is one of {@link #NAMES}
   */
  static boolean allows(String name) {
    return name != null && NAMES.contains(name.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Adds a header to the request, or replaces the value given before.
   *
   * @param name one of {@link #NAMES}, in any case
   * @param value its value
   * @throws IllegalArgumentException if the name is not one of {@link #NAMES} or the value cannot be
   *     sent as a header; the message never quotes the value
   */
  void put(String name, String value);
}
