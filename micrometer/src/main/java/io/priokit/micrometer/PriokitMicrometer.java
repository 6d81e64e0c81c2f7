package io.priokit.micrometer;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.priokit.PriokitClient;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.error.ConfigurationException;
import io.priokit.observe.AttemptFinished;
import io.priokit.observe.CallListener;
import io.priokit.observe.CallStarted;
import io.priokit.observe.PriokitListener;
import java.time.Duration;
import java.util.Objects;

/**
 * priokit's calls in Micrometer. Set it as the client's listener:
 *
 * <pre>{@code
 * PriokitMicrometer micrometer = PriokitMicrometer.builder()
 *     .observationRegistry(observationRegistry)     // one observation per call: timer, span
 *     .meterRegistry(meterRegistry)                 // priokit's counters and gauges
 *     .build();
 * PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).listener(micrometer).build();
 * }</pre>
 *
 * <p>Each call is one observation, {@code priokit.calls} ({@link DefaultPriokitObservationConvention}),
 * with an event per attempt. With a meter handler on the observation registry it gives the timer
 * {@code priokit.calls}; with Micrometer Tracing's handlers, a client span whose trace context
 * ({@code traceparent}, {@code tracestate}, {@code baggage}) every request of the call carries to the
 * API, child of the span current when the call was made. On the meter registry:
 * {@code priokit.calls.in.flight} (gauge), {@code priokit.retries} (by {@code endpoint} and
 * {@code reason}), {@code priokit.token.fetches} (by {@code outcome}), {@code priokit.requests.refused}
 * (by {@code endpoint} and {@code reason}) and, for each {@link #watchHealth watched} client,
 * {@code priokit.health}. No tag or key carries a credential, a token or a per-call value, but the
 * span-only {@code priokit.app_reference}.
 */
public final class PriokitMicrometer implements PriokitListener {

  private final ObservationRegistry observations;
  private final PriokitObservationConvention convention;
  /** The builder's tags as observation keys, or {@code null} when there are none. */
  private final KeyValues extraKeys;
  private final PriokitMeters meters;

  private PriokitMicrometer(Builder builder) {
    this.meters = builder.meterRegistry == null ? null : new PriokitMeters(builder.meterRegistry, builder.tags);
    this.observations = builder.observationRegistry != null ? builder.observationRegistry
        : builder.meterRegistry != null ? timedBy(builder.meterRegistry) : ObservationRegistry.NOOP;
    this.convention = builder.convention;
    this.extraKeys = builder.tags.stream().findAny().isEmpty() ? null
        : KeyValues.of(builder.tags, Tag::getKey, Tag::getValue);
  }

  /**
   * Times calls and counts their events on one meter registry, without tracing: the observations
   * go to a registry of their own with only a meter handler.
   *
   * @param meterRegistry where the meters go
   * @return the listener
   */
  public static PriokitMicrometer of(MeterRegistry meterRegistry) {
    return builder().meterRegistry(meterRegistry).build();
  }

  /** {@return a builder without registries} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the call's observation, on the caller's thread, so that it is the child of the caller's
   * current span.
   *
   * @param event what is called
   * @return the listener of this call, which ends the observation
   */
  @Override
  public CallListener callStarted(CallStarted event) {
    if (meters != null) {
      meters.callStarted();
    }
    PriokitObservationContext context = new PriokitObservationContext(event);
    Observation observation = Observation.createNotStarted(convention, DefaultPriokitObservationConvention.INSTANCE,
        () -> context, observations);
    if (extraKeys != null) {
      observation.lowCardinalityKeyValues(extraKeys);
    }
    return new ObservedCall(observation.start(), context, meters);
  }

  /**
   * Counts the token endpoint's answers: its requests are not calls, so their attempts come here.
   *
   * @param event an attempt of the token endpoint
   */
  @Override
  public void attemptFinished(AttemptFinished event) {
    if (meters != null && event.path().equals(AuthenticationFailedException.TOKEN_PATH)) {
      meters.tokenFetched(event);
    }
  }

  /**
   * Watches the client's health ({@link PriokitClient#watchHealth}) into the gauge
   * {@code priokit.health}: 1 when UP, 0.5 when DEGRADED, 0 when DOWN, NaN before the first check.
   * One watch per client; give clients on one registry distinct {@link Builder#tag tags}.
   *
   * @param client the client to watch
   * @param interval the time between checks
   * @return the watch; close it to stop checking and remove the gauge
   * @throws ConfigurationException if this listener has no meter registry
   */
  public HealthWatch watchHealth(PriokitClient client, Duration interval) {
    Objects.requireNonNull(client, "client");
    if (meters == null) {
      throw new ConfigurationException("watchHealth needs a meter registry for its gauge: build the "
          + "PriokitMicrometer with meterRegistry(...).");
    }
    return meters.watchHealth(client.watchHealth(interval));
  }

  /** Observations timed on the meter registry by a {@link PriokitMeterObservationHandler}. */
  private static ObservationRegistry timedBy(MeterRegistry meterRegistry) {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new PriokitMeterObservationHandler(meterRegistry));
    return registry;
  }

  /** Configures a {@link PriokitMicrometer}; every part is optional. */
  public static final class Builder {

    private ObservationRegistry observationRegistry;
    private MeterRegistry meterRegistry;
    private PriokitObservationConvention convention;
    private Tags tags = Tags.empty();

    private Builder() {}

    /**
     * Where the call observations go, with its handlers (meters, tracing); without one, and with a
     * meter registry, they go to a registry of their own that only times them.
     *
     * @param observationRegistry the observation registry
     * @return this builder
     */
    public Builder observationRegistry(ObservationRegistry observationRegistry) {
      this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
      return this;
    }

    /**
     * Where priokit's counters and gauges go; without one there are none, only the observations.
     *
     * @param meterRegistry the meter registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * Names and tags the call observations in place of {@link DefaultPriokitObservationConvention}.
     *
     * @param convention the convention
     * @return this builder
     */
    public Builder observationConvention(PriokitObservationConvention convention) {
      this.convention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /**
     * A tag on every meter and observation, such as the client's name when an application has two.
     * Keep it to a few values: it multiplies every meter's series.
     *
     * @param key the tag key
     * @param value the tag value
     * @return this builder
     */
    public Builder tag(String key, String value) {
      this.tags = tags.and(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** {@return the listener to give the client builder} */
    public PriokitMicrometer build() {
      return new PriokitMicrometer(this);
    }
  }
}
