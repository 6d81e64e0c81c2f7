package io.priokit.error;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;

/**
 * A response with an error status, as an {@link ApiException} keeps it.
 *
 * @param statusCode the HTTP status
 * @param headers the response headers
 * @param body the parsed error fields ({@link ErrorBody#EMPTY} if the body was not a JSON error)
 * @param bodyExcerpt the start of the raw body, bounded in length, for logs and support
 * @param retryAfter how long the server asked the caller to wait ({@code Retry-After}), or {@code null}
 */
public record ErrorResponse(
    int statusCode, HttpHeaders headers, ErrorBody body, String bodyExcerpt, Duration retryAfter) {

  /**
   * Checks that the required parts are present.
   *
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param body the parsed error fields ({@link ErrorBody#EMPTY} if the body was not a JSON error)
   * @param bodyExcerpt the start of the raw body, bounded in length, for logs and support
   * @param retryAfter how long the server asked the caller to wait ({@code Retry-After}), or {@code null}
   */
  public ErrorResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
  }

  /** Status, header names, parsed fields and excerpt; header values stay out, as a server may echo a token in one. */
  @Override
  public String toString() {
    return "ErrorResponse[statusCode=" + statusCode + ", headers=" + headers.map().keySet() + ", body=" + body
        + ", bodyExcerpt=" + bodyExcerpt.length() + " chars, retryAfter=" + retryAfter + "]";
  }
}
