package io.priokit.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of priokit's call observations, as Micrometer's {@code DefaultMeterObservationHandler}
 * makes them (a timer named after the observation, tagged with its low-cardinality keys and
 * {@code error}; a counter per event), less its long task timer, and with each timer looked up once
 * per set of keys rather than built again for every call: half the cost of an observed call. Each
 * call it would time is a node in one shared list, removed by a walk of the list, which costs
 * microseconds a call with hundreds in flight; {@code priokit.calls.in.flight} counts them instead.
 * {@link PriokitMicrometer#of} uses it; on a registry of your own, put it before Micrometer's handler
 * in a {@code FirstMatchingCompositeObservationHandler} (the Spring Boot starter does, as a bean
 * ordered first in Spring Boot's group of meter handlers).
 */
public final class PriokitMeterObservationHandler implements MeterObservationHandler<PriokitObservationContext> {

  private final MeterRegistry registry;
  private final Map<KeyValues, Map<String, Timer>> timers = new ConcurrentHashMap<>();

  /**
   * A handler timing priokit's calls on a meter registry.
   *
   * @param registry where the timers go
   */
  public PriokitMeterObservationHandler(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onStart(PriokitObservationContext context) {
    context.put(Timer.Sample.class, Timer.start(registry));
  }

  @Override
  public void onStop(PriokitObservationContext context) {
    Timer.Sample sample = context.getRequired(Timer.Sample.class);
    KeyValues keys = context.getLowCardinalityKeyValues();
    String error = context.getError() == null ? "none" : context.getError().getClass().getSimpleName();
    sample.stop(timers.computeIfAbsent(keys, unseen -> new ConcurrentHashMap<>())
        .computeIfAbsent(error, unseen -> Timer.builder(context.getName()).tags(tags(keys)).tag("error", error)
            .register(registry)));
  }

  @Override
  public void onEvent(Observation.Event event, PriokitObservationContext context) {
    Counter.builder(context.getName() + "." + event.getName()).tags(tags(context.getLowCardinalityKeyValues()))
        .register(registry).increment();
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof PriokitObservationContext;
  }

  private static Tags tags(KeyValues keys) {
    List<Tag> tags = new ArrayList<>();
    for (KeyValue key : keys) {
      tags.add(Tag.of(key.getKey(), key.getValue()));
    }
    return Tags.of(tags);
  }
}
