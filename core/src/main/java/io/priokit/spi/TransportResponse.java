package io.priokit.spi;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One complete HTTP response, independent of any HTTP library.
 *
 * @param statusCode the status
 * @param headers the headers, case-insensitive
 * @param body the body as it came off the wire (still compressed if it was); empty for none; not to
 *     be modified
 */
public record TransportResponse(int statusCode, HttpHeaders headers, byte[] body) {

  private static final byte[] NO_BODY = new byte[0];

  /**
   * Checks the parts.
   *
   * @param statusCode the status
   * @param headers the headers, case-insensitive
   * @param body the body as it came off the wire (still compressed if it was); empty for none; not to be modified
   */
  public TransportResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /**
   * A response from headers as the JDK holds them.
   *
   * @param statusCode the status
   * @param headers the headers
   * @param body the body, or {@code null} for none
   * @return the response
   */
  public static TransportResponse of(int statusCode, HttpHeaders headers, byte[] body) {
    return new TransportResponse(statusCode, headers, body == null ? NO_BODY : body);
  }

  /**
   * A response from headers as an HTTP library lists them: each name with its values, in any case.
   * Names that differ only in case are merged, as HTTP treats them as one.
   *
   * @param statusCode the status
   * @param headers the header names and their values
   * @param body the body, or {@code null} for none
   * @return the response
   */
  public static TransportResponse of(int statusCode, Map<String, List<String>> headers, byte[] body) {
    HttpHeaders converted;
    try {
      converted = HttpHeaders.of(headers, (name, value) -> true);
    } catch (IllegalArgumentException sameNameInTwoCases) {
      Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((name, values) -> merged.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values));
      converted = HttpHeaders.of(merged, (name, value) -> true);
    }
    return of(statusCode, converted, body);
  }

  /** Lists status, header names and body size only: values may be tokens. */
  @Override
  public String toString() {
    return "TransportResponse[" + statusCode + ", headers=" + headers.map().keySet()
        + ", body=" + body.length + " bytes]";
  }
}
