package io.priokit.system;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The answer of {@code GET /system/ping}: the API is reachable. The API documents no body, so
 * {@link #body()} is usually empty.
 */
public final class SystemPing extends HealthAnswer {

  /**
   * An answer.
   *
   * @param statusCode the HTTP status (2xx)
   * @param latency the round trip of the successful attempt, measured by the client
   * @param headers the response headers
   * @param body the body: JSON when it is JSON, else text, or empty
   * @param appReference the {@code App-Reference} the call was sent with
   * @param attempts how many attempts the call took
   */
  public SystemPing(int statusCode, Duration latency, HttpHeaders headers, ResponseBody body, String appReference,
      int attempts) {
    super(statusCode, latency, constant(headers), body, appReference, attempts);
  }

  private SystemPing(int statusCode, Duration latency, Supplier<HttpHeaders> headers, ResponseBody body,
      String appReference, int attempts) {
    super(statusCode, latency, headers, body, appReference, attempts);
  }

  /**
   * An answer whose headers are made when first asked for, at most once.
   *
   * @param statusCode the HTTP status (2xx)
   * @param latency the round trip of the successful attempt, measured by the client
   * @param headers makes the response headers
   * @param body the body: JSON when it is JSON, else text, or empty
   * @param appReference the {@code App-Reference} the call was sent with
   * @param attempts how many attempts the call took
   * @return the answer
   */
  public static SystemPing of(int statusCode, Duration latency, Supplier<HttpHeaders> headers, ResponseBody body,
      String appReference, int attempts) {
    return new SystemPing(statusCode, latency, headers, body, appReference, attempts);
  }
}
