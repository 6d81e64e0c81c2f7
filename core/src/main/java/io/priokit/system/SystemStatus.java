package io.priokit.system;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;

/**
 * The answer of {@code GET /system/status}: the API reports the system OK. Fields the API adds are
 * kept in {@link #body()}.
 *
 * @param statusCode the HTTP status (2xx)
 * @param latency the round trip of the successful attempt, measured by the client
 * @param headers the response headers
 * @param body the body: JSON when it is JSON, else text, or empty
 * @param appReference the {@code App-Reference} the call was sent with
 * @param attempts how many attempts the call took
 */
public record SystemStatus(
    int statusCode,
    Duration latency,
    HttpHeaders headers,
    ResponseBody body,
    String appReference,
    int attempts) implements HealthResponse {

  /**
   * Checks that the required parts are present.
   *
   * @param statusCode the HTTP status (2xx)
   * @param latency the round trip of the successful attempt, measured by the client
   * @param headers the response headers
   * @param body the body: JSON when it is JSON, else text, or empty
   * @param appReference the {@code App-Reference} the call was sent with
   * @param attempts how many attempts the call took
   */
  public SystemStatus {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /** Status, latency, header names, body kind, reference and attempts; header values stay out. */
  @Override
  public String toString() {
    return "SystemStatus[statusCode=" + statusCode + ", latency=" + latency + ", headers=" + headers.map().keySet()
        + ", body=" + body + ", appReference=" + appReference + ", attempts=" + attempts + "]";
  }
}
