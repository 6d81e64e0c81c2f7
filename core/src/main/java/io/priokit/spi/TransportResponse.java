package io.priokit.spi;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * One complete HTTP response, independent of any HTTP library. Immutable.
 *
 * <p>Its headers may come as an HTTP library holds them ({@link HeaderLines}) and are turned into
 * {@link HttpHeaders} only when first asked for: on the common path of a call nothing asks, and that
 * conversion would cost more than the rest of what priokit adds to a call.
 */
public final class TransportResponse {

  private static final byte[] NO_BODY = new byte[0];

  /** Response headers as an HTTP library holds them: each line, a name may come many times. */
  @FunctionalInterface
  public interface HeaderLines {
    /**
     * Gives every header line to the action, in any order and any letter case.
     *
     * @param line receives each name and value
     */
    void forEach(BiConsumer<String, String> line);
  }

  private final int statusCode;
  private final HeaderLines lines;
  private final byte[] body;
  private volatile HttpHeaders headers;

  private TransportResponse(int statusCode, HttpHeaders headers, HeaderLines lines, byte[] body) {
    this.statusCode = statusCode;
    this.headers = headers;
    this.lines = lines;
    this.body = body == null ? NO_BODY : body;
  }

  /**
   * A response from headers as the JDK holds them.
   *
   * @param statusCode the status
   * @param headers the headers
   * @param body the body as it came off the wire, or {@code null} for none; not to be modified
   * @return the response
   */
  public static TransportResponse of(int statusCode, HttpHeaders headers, byte[] body) {
    return new TransportResponse(statusCode, Objects.requireNonNull(headers, "headers"), null, body);
  }

  /**
   * A response from headers as an HTTP library holds them, read when first needed: the library must
   * not change them after handing them over. Names that differ only in case are one header.
   *
   * @param statusCode the status
   * @param headers the library's header lines
   * @param body the body as it came off the wire, or {@code null} for none; not to be modified
   * @return the response
   */
  public static TransportResponse of(int statusCode, HeaderLines headers, byte[] body) {
    return new TransportResponse(statusCode, null, Objects.requireNonNull(headers, "headers"), body);
  }

  /** {@return the status} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the headers, case-insensitive} */
  public HttpHeaders headers() {
    HttpHeaders known = headers;
    if (known == null) {
      Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      lines.forEach((name, value) -> merged.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value));
      known = HttpHeaders.of(merged, (name, value) -> true);
      headers = known;
    }
    return known;
  }

  /** {@return the body as it came off the wire (still compressed if it was); empty for none; not to be modified} */
  public byte[] body() {
    return body;
  }

  /** Lists status, header names and body size only: values may be tokens. */
  @Override
  public String toString() {
    return "TransportResponse[" + statusCode + ", headers=" + headers().map().keySet()
        + ", body=" + body.length + " bytes]";
  }
}
