package io.priokit.system;

import java.net.http.HttpHeaders;
import java.time.Duration;

/** What every successful System call answers: the status, the measured round trip and the body. */
public sealed interface HealthResponse permits HealthAnswer {

  /** {@return the HTTP status (2xx)} */
  int statusCode();

  /** {@return the round trip of the successful attempt, measured by the client: request sent to body received} */
  Duration latency();

  /** {@return the response headers} */
  HttpHeaders headers();

  /** {@return the body: JSON, text, or {@link ResponseBody#EMPTY} when there was none} */
  ResponseBody body();

  /** {@return the {@code App-Reference} the call was sent with} */
  String appReference();

  /** {@return how many attempts the call took (1 unless a failure was retried)} */
  int attempts();
}
