package io.priokit.internal;

import io.priokit.system.ResponseBody;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Makes the result value of a successful call; the {@code of} factories of the System answers fit.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ResponseFactory<T> {

  /**
   * @param statusCode the 2xx status
   * @param latency the round trip of the successful attempt
   * @param headers makes the response headers, when first asked for
   * @param body the body: JSON, text or empty
   * @param appReference the {@code App-Reference} the call was sent with
   * @param attempts how many attempts the call took
   * @return the result
   */
  T create(int statusCode, Duration latency, Supplier<HttpHeaders> headers, ResponseBody body,
      String appReference, int attempts);
}
