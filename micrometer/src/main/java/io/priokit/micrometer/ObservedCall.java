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
 * One call's observation, from its start to its end: each failed attempt an event (the last
 * attempt, when it succeeds, is the observation's own end), its trace context on every request, its
 * retries and refusals counted.
 */
final class ObservedCall implements CallListener {

  /** The event of each failed attempt; the meter handler counts it as {@code priokit.calls.attempt.failed}. */
  static final String FAILED_ATTEMPT_EVENT = "attempt.failed";

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
    // A 2xx ends the call (and so the observation) with success: only failed attempts are news.
    if (event.failure() == null && event.statusCode() / 100 == 2) {
      return;
    }
    String result = event.failure() != null ? event.failure().getClass().getSimpleName()
        : Integer.toString(event.statusCode());
    observation.event(Observation.Event.of(FAILED_ATTEMPT_EVENT,
        "attempt " + event.attempt() + " failed: " + result + " in " + event.latency().toMillis() + " ms"));
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
