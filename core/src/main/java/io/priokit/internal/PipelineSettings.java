package io.priokit.internal;

import io.priokit.ClientCredentials;
import io.priokit.Environment;
import io.priokit.FairUsePolicy;
import io.priokit.RetryPolicy;
import io.priokit.auth.TokenProvider;
import io.priokit.observe.PriokitListener;
import io.priokit.spi.FairUseBudgetFactory;
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
 * @param deadline how long a call may take across all its attempts and waits
 * @param maxResponseBytes the largest response body accepted, compressed or inflated
 * @param appHeaders the {@code App-*} headers sent with every request
 * @param appReferences makes a fresh {@code App-Reference} per call
 * @param credentials the client credentials, or {@code null}
 * @param tokenProvider the caller's token provider, or {@code null}
 * @param retryPolicy when and how to retry
 * @param fairUse the fair-use guard and rate limit
 * @param fairUseBudget makes the budget that keeps them, and any health shared with a fleet
 * @param listener the caller's event listener
 */
public record PipelineSettings(
    Environment environment,
    Duration connectTimeout,
    Duration callTimeout,
    Duration deadline,
    int maxResponseBytes,
    Map<String, String> appHeaders,
    Supplier<String> appReferences,
    ClientCredentials credentials,
    TokenProvider tokenProvider,
    RetryPolicy retryPolicy,
    FairUsePolicy fairUse,
    FairUseBudgetFactory fairUseBudget,
    PriokitListener listener) {

  /** Checks the required parts. */
  public PipelineSettings {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(deadline, "deadline");
    appHeaders = Map.copyOf(appHeaders);
    Objects.requireNonNull(appReferences, "appReferences");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(fairUse, "fairUse");
    Objects.requireNonNull(fairUseBudget, "fairUseBudget");
    Objects.requireNonNull(listener, "listener");
  }

  /** Leaves the credentials' secret out. */
  @Override
  public String toString() {
    return "PipelineSettings[environment=" + environment + ", callTimeout=" + callTimeout
        + ", deadline=" + deadline + ", credentials=" + credentials + ", retryPolicy=" + retryPolicy
        + ", fairUse=" + fairUse + "]";
  }
}
