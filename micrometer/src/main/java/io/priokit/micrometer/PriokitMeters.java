package io.priokit.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.priokit.observe.AttemptFinished;
import io.priokit.observe.CallOutcome;
import io.priokit.observe.GuardTripped;
import io.priokit.observe.RetryScheduled;
import io.priokit.system.HealthState;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.LongAdder;

/** priokit's counters and gauges on one meter registry, each tagged with the listener's tags. */
final class PriokitMeters {

  private final MeterRegistry registry;
  private final Tags tags;
  /** Counted by many threads at once, read rarely: an adder, not one contended number. */
  private final LongAdder inFlight = new LongAdder();

  PriokitMeters(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
    Gauge.builder("priokit.calls.in.flight", inFlight, LongAdder::sum).tags(tags)
        .description("priokit calls started and not yet ended").register(registry);
  }

  void callStarted() {
    inFlight.increment();
  }

  void callFinished() {
    inFlight.decrement();
  }

  void retried(RetryScheduled event) {
    Counter.builder("priokit.retries").tags(tags).tag("endpoint", event.path()).tag("reason", event.reason())
        .description("Attempts of priokit calls that failed and were retried").register(registry).increment();
  }

  void refused(String path, GuardTripped event) {
    Counter.builder("priokit.requests.refused").tags(tags).tag("endpoint", path)
        .tag("reason", event.reason().name())
        .description("Requests priokit did not send, to keep within the API's fair-use limits")
        .register(registry).increment();
  }

  void tokenFetched(AttemptFinished event) {
    CallOutcome outcome = event.failure() != null ? CallOutcome.of(event.failure())
        : event.statusCode() / 100 == 2 ? CallOutcome.SUCCESS : CallOutcome.API_ERROR;
    Counter.builder("priokit.token.fetches").tags(tags).tag("outcome", outcome.name())
        .description("Requests for an access token to the API's token endpoint").register(registry).increment();
  }

  HealthWatch watchHealth(Flow.Publisher<HealthState> health) {
    HealthWatch watch = new HealthWatch(registry);
    watch.register(Gauge.builder("priokit.health", watch, HealthWatch::value).tags(tags)
        .description("The Prioticket API's health as priokit last saw it: 1 UP, 0.5 DEGRADED, 0 DOWN")
        .register(registry));
    health.subscribe(watch.subscriber());
    return watch;
  }
}
