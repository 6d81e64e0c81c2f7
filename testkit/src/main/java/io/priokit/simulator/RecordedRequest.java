package io.priokit.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One request as the simulator received it: what the client sent, and when.
 *
 * @param sequence the request's number in arrival order, from 1
 * @param method the request method, such as {@code GET}
 * @param path the path below the base path, such as {@code /system/status}, or the full path of a
 *     request outside it
 * @param query the raw query string, or {@code null}
 * @param headers every header by lower-case name, values in the order sent
 * @param body the request body as text (UTF-8), empty when there was none
 * @param receivedAt when the request head had arrived, by the wall clock
 * @param sinceStart when the request head had arrived, measured on a monotonic clock from the start of
 *     the simulator: compare two requests' values to see the wait between them
 */
public record RecordedRequest(int sequence, String method, String path, String query,
    Map<String, List<String>> headers, String body, Instant receivedAt, Duration sinceStart) {

  /**
   * Copies the headers, keyed by lower-case name so that lookups ignore case.
   *
   * @param sequence the request's number in arrival order, from 1
   * @param method the request method, such as {@code GET}
   * @param path the path below the base path, such as {@code /system/status}, or the full path of a request outside it
   * @param query the raw query string, or {@code null}
   * @param headers every header by lower-case name, values in the order sent
   * @param body the request body as text (UTF-8), empty when there was none
   * @param receivedAt when the request head had arrived, by the wall clock
   * @param sinceStart when the request head had arrived, measured on a monotonic clock from the start of the simulator: compare two requests' values to see the wait between them
   */
  public RecordedRequest {
    Map<String, List<String>> byLowerCase = new TreeMap<>();
    headers.forEach((name, values) -> byLowerCase.computeIfAbsent(name.toLowerCase(Locale.ROOT),
        key -> new java.util.ArrayList<>()).addAll(values));
    byLowerCase.replaceAll((name, values) -> List.copyOf(values));
    headers = java.util.Collections.unmodifiableMap(byLowerCase);
  }

  /**
   * The first value of a header, whatever the case of its name.
   *
   * @param name the header name, such as {@code App-Reference}
   * @return its first value, or empty when the request did not carry it
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The request line and headers, {@code Authorization} shown only as its scheme: a recorded request
   * in a test report must not print a client secret or a token.
   *
   * @return a multi-line description
   */
  @Override
  public String toString() {
    String headerLines = headers.entrySet().stream()
        .map(header -> header.getKey() + ": " + (header.getKey().equals("authorization")
            ? header.getValue().stream().map(RecordedRequest::schemeOnly).collect(Collectors.joining(", "))
            : String.join(", ", header.getValue())))
        .collect(Collectors.joining("\n  "));
    return "#" + sequence + " " + method + " " + path + (query == null ? "" : "?" + query) + " at +"
        + sinceStart.toMillis() + " ms\n  " + headerLines;
  }

  private static String schemeOnly(String authorization) {
    int space = authorization.indexOf(' ');
    return (space < 0 ? "" : authorization.substring(0, space) + " ") + "<redacted>";
  }
}
