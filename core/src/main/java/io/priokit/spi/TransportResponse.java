package io.priokit.spi;

import java.net.http.HttpHeaders;
import java.util.Objects;

/**
 * One complete HTTP response, independent of any HTTP library.
 *
 * @param statusCode the status
 * @param headers the headers
 * @param body the body, decoded if it was compressed; empty for none; not to be modified
 */
public record TransportResponse(int statusCode, HttpHeaders headers, byte[] body) {

  /** Checks the parts. */
  public TransportResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /** Lists status, header names and body size only: values may be tokens. */
  @Override
  public String toString() {
    return "TransportResponse[" + statusCode + ", headers=" + headers.map().keySet()
        + ", body=" + body.length + " bytes]";
  }
}
