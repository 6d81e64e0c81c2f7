package io.priokit.system;

import java.net.http.HttpHeaders;
import java.time.Duration;

/** What every successful System call answers: the status, the measured round trip and the body. */
public sealed interface HealthResponse permits HealthAnswer {

  /** The HTTP status (2xx). */
  int statusCode();

  /** The round trip of the successful attempt, measured by the client: request sent to body received. */
  Duration latency();

  /** The response headers. */
  HttpHeaders headers();

  /** The body: JSON, text, or {@link ResponseBody#EMPTY} when there was none. */
  ResponseBody body();

  /** The {@code App-Reference} the call was sent with. */
  String appReference();

  /** How many attempts the call took (1 unless a failure was retried). */
  int attempts();
}
