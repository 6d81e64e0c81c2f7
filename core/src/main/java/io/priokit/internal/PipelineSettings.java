package io.priokit.internal;

import io.priokit.ClientCredentials;
import io.priokit.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the client builder decided, as the pipeline needs it.
 *
 * @param environment where the API lives
 * @param connectTimeout the transport's connect timeout, for messages
 * @param callTimeout how long one attempt may take
 * @param appHeaders the {@code App-*} headers sent with every request
 * @param appReferences makes a fresh {@code App-Reference} per call
 * @param credentials the client credentials, or {@code null}
 * @param retryInternalServerError whether 500 counts as retryable
 * @param clock the wall clock, for {@code Retry-After} dates
 */
public record PipelineSettings(
    Environment environment,
    Duration connectTimeout,
    Duration callTimeout,
    Map<String, String> appHeaders,
    Supplier<String> appReferences,
    ClientCredentials credentials,
    boolean retryInternalServerError,
    Clock clock) {

  /** Checks the required parts. */
  public PipelineSettings {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    appHeaders = Map.copyOf(appHeaders);
    Objects.requireNonNull(appReferences, "appReferences");
    Objects.requireNonNull(clock, "clock");
  }

  /** Leaves the credentials out: they hold a secret. */
  @Override
  public String toString() {
    return "PipelineSettings[environment=" + environment + ", callTimeout=" + callTimeout
        + ", credentials=" + credentials + "]";
  }
}
