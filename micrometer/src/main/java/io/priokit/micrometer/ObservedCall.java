package io.priokit.micrometer;

import io.micrometer.observation.Observation;
import io.priokit.observe.AttemptFinished;
import io.priokit.observe.AttemptStarted;
import io.priokit.observe.CallFinished;
import io.priokit.observe.CallListener;
import io.priokit.observe.GuardTripped;
import io.priokit.observe.RetryScheduled;
import io.priokit.observe.TraceHeaders;

/**
 * One call's observation, from its start to its end: each attempt an event, its trace context on
 * every request, its retries and refusals counted.
 */
final class ObservedCall implements CallListener {

  /** The event of each attempt; the meter handler counts it as {@code priokit.calls.attempt}. */
  static final String ATTEMPT_EVENT = "attempt";

  private final Observation observation;
  private final PriokitObservationContext context;
  private final PriokitMeters meters;

  ObservedCall(Observation observation, PriokitObservationContext context, PriokitMeters meters) {
    this.observation = observation;
    this.context = context;
    this.meters = meters;
  }

  @Override
  public void addTraceHeaders(AttemptStarted attempt, TraceHeaders headers) {
    context.getCarrier().forEach(headers::put);
  }

  @Override
  public void attemptFinished(AttemptFinished event) {
    String result = event.failure() != null ? event.failure().getClass().getSimpleName()
        : Integer.toString(event.statusCode());
    observation.event(Observation.Event.of(ATTEMPT_EVENT,
        "attempt " + event.attempt() + ": " + result + " in " + event.latency().toMillis() + " ms"));
  }

  @Override
  public void retryScheduled(RetryScheduled event) {
    if (meters != null) {
      meters.retried(event);
    }
  }

  @Override
  public void guardTripped(GuardTripped event) {
    if (meters != null) {
      meters.refused(context.call().path(), event);
    }
  }

  @Override
  public void callFinished(CallFinished event) {
    if (meters != null) {
      meters.callFinished();
    }
    context.setResponse(event);
    if (event.failure() != null) {
      observation.error(event.failure());
    }
    observation.stop();
  }
}
