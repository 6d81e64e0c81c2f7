package io.priokit.observe;

import io.priokit.error.PriokitException;
import java.time.Duration;
import java.util.Optional;

/**
 * A request got a response, or failed without one.
 *
 * @param method the HTTP method
 * @param path the path below the base URI
 * @param appReference the call's {@code App-Reference}
 * @param attempt the number of this request within its call, from 1
 * @param statusCode the response status, or 0 when no response arrived
 * @param latency from sending the request to the end of the response or the failure
 * @param failure why no response arrived, or {@code null} when one did
 */
public record AttemptFinished(String method, String path, String appReference, int attempt,
    int statusCode, Duration latency, PriokitException failure) {

  /** {@return why no response arrived, if none did} */
  public Optional<PriokitException> failureCause() {
    return Optional.ofNullable(failure);
  }
}
