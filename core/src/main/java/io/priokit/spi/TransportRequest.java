package io.priokit.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request, independent of any HTTP library.
 *
 * @param method the method, such as {@code GET}
 * @param uri the absolute URI
 * @param headers the request headers, one value each, in the order to send them
 * @param body the request body, empty for none; not to be modified
 * @param timeout the time the whole exchange may take, up to the last byte of the response body
 */
public record TransportRequest(
    String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

  private static final byte[] NO_BODY = new byte[0];

  /** Checks the parts and keeps an unmodifiable copy of the headers. */
  public TransportRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    headers = Map.copyOf(headers);
    body = body == null ? NO_BODY : body;
  }

  /** A request without a body. */
  public static TransportRequest get(URI uri, Map<String, String> headers, Duration timeout) {
    return new TransportRequest("GET", uri, headers, NO_BODY, timeout);
  }

  /** This request with one more header, or that header replaced. */
  public TransportRequest withHeader(String name, String value) {
    java.util.Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new TransportRequest(method, uri, more, body, timeout);
  }

  /** This request with another timeout. */
  public TransportRequest withTimeout(Duration timeout) {
    return new TransportRequest(method, uri, headers, body, timeout);
  }

  /** Lists method, URI and header names only: values may be credentials. */
  @Override
  public String toString() {
    return "TransportRequest[" + method + " " + uri + ", headers=" + headers.keySet()
        + ", body=" + body.length + " bytes, timeout=" + timeout + "]";
  }
}
