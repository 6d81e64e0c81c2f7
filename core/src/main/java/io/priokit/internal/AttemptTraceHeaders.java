package io.priokit.internal;

import io.priokit.observe.TraceHeaders;
import io.priokit.spi.TransportRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The trace-context headers listeners add to one attempt, checked by name (the allow-list) and by
 * value ({@link HeaderValues}), then added to the request.
 */
final class AttemptTraceHeaders implements TraceHeaders {

  private Map<String, String> added;

  @Override
  public void put(String name, String value) {
    if (!TraceHeaders.allows(name)) {
      throw new IllegalArgumentException("Header " + (name == null ? "null" : "'" + name + "'")
          + " cannot be added as trace context: only " + NAMES + " can.");
    }
    String problem = HeaderValues.problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("Trace header " + name + " cannot be sent: " + problem + ".");
    }
    if (added == null) {
      added = new LinkedHashMap<>(4);
    }
    added.put(name.toLowerCase(Locale.ROOT), value);
  }

  /** The request with the headers added, replacing any of the same name; the request itself if none were. */
  TransportRequest applyTo(TransportRequest request) {
    if (added == null) {
      return request;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    request.headers().forEach((name, value) -> {
      if (!TraceHeaders.allows(name)) {
        headers.put(name, value);
      }
    });
    headers.putAll(added);
    return new TransportRequest(request.method(), request.uri(), Collections.unmodifiableMap(headers),
        request.body(), request.maxResponseBytes());
  }
}
