package io.priokit.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request, independent of any HTTP library.
 *
 * @param method the method, such as {@code GET}
 * @param uri the absolute URI, query included
 * @param headers the request headers, one value each, names distinct ignoring case; kept as given when
 *     it is already an unmodifiable view (whose creator must not change what it views), copied
 *     otherwise
 * @param body the request body, empty for none; not to be modified
 * @param maxResponseBytes the largest response body to accept, as it comes off the wire; a larger one
 *     fails with {@link TransportFailure.Kind#BODY_TOO_LARGE}
 */
public record TransportRequest(String method, URI uri, Map<String, String> headers, byte[] body,
    int maxResponseBytes) {

  private static final byte[] NO_BODY = new byte[0];

  private static final Class<?> UNMODIFIABLE_VIEW = java.util.Collections.unmodifiableMap(Map.of()).getClass();

  /**
   * Checks the parts and keeps the headers unmodifiable.
   *
   * @param method the method, such as {@code GET}
   * @param uri the absolute URI, query included
   * @param headers the request headers, one value each, names distinct ignoring case; kept as given
   *     when already an unmodifiable view (whose creator must not change what it views), else copied
   * @param body the request body, empty for none; not to be modified
   * @param maxResponseBytes the largest response body to accept, as it comes off the wire; a larger
   *     one fails with {@link TransportFailure.Kind#BODY_TOO_LARGE}
   */
  public TransportRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = headers.getClass() == UNMODIFIABLE_VIEW ? headers : Map.copyOf(headers);
    body = body == null ? NO_BODY : body;
    if (maxResponseBytes < 0) {
      throw new IllegalArgumentException("maxResponseBytes must not be negative: " + maxResponseBytes);
    }
  }

  /**
   * A {@code GET} without a body.
   *
   * @param uri the absolute URI
   * @param headers the request headers
   * @param maxResponseBytes the largest body to accept
   * @return the request
   */
  public static TransportRequest get(URI uri, Map<String, String> headers, int maxResponseBytes) {
    return new TransportRequest("GET", uri, headers, NO_BODY, maxResponseBytes);
  }

  /**
   * This request with one more header, or that header replaced.
   *
   * @param name the header name
   * @param value the header value
   * @return the changed request
   */
  public TransportRequest withHeader(String name, String value) {
    java.util.Map<String, String> more = new java.util.HashMap<>(headers);
    more.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    more.put(name, value);
    return new TransportRequest(method, uri, more, body, maxResponseBytes);
  }

  /** Lists method, URI and header names only: values may be credentials. */
  @Override
  public String toString() {
    return "TransportRequest[" + method + " " + uri + ", headers=" + headers.keySet()
        + ", body=" + body.length + " bytes]";
  }
}
