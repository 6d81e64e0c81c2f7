package io.priokit.observe;

import java.time.Duration;
import java.util.Optional;

/**
 * A call ended.
 *
 * @param method the HTTP method
 * @param path the endpoint's path below the base URI, such as {@code /system/status}
 * @param appReference the call's {@code App-Reference}, different for every call: never a metric tag
 * @param transport the transport's name, such as {@code jdk}
 * @param outcome how it ended, in a few words fit for a metric tag
 * @param statusCode the status of the last response, or 0 when the call ended without one
 * @param attempts how many requests the call sent
 * @param latency from the start of the call to its end, retries and waits included
 * @param failure why the call failed (a {@link io.priokit.error.PriokitException}, or what the
 *     caller cancelled it with), or {@code null} when it succeeded
 */
public record CallFinished(String method, String path, String appReference, String transport,
    CallOutcome outcome, int statusCode, int attempts, Duration latency, Throwable failure) {

  /** {@return the failure's simple class name, such as {@code ServiceUnavailableException}, if the call failed} */
  public Optional<String> errorType() {
    return failure == null ? Optional.empty() : Optional.of(failure.getClass().getSimpleName());
  }

  /** {@return why the call failed, if it did} */
  public Optional<Throwable> failureCause() {
    return Optional.ofNullable(failure);
  }
}
