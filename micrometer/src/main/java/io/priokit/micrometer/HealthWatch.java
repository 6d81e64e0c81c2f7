package io.priokit.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.priokit.system.HealthState;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * A client's health stream feeding the gauge {@code priokit.health}. Closing it stops the checks and
 * removes the gauge; closing the client ends the checks too, and the gauge keeps the last state.
 */
public final class HealthWatch implements AutoCloseable {

  private final MeterRegistry registry;
  private final Subscriber subscriber = new Subscriber();
  private volatile Gauge gauge;
  private volatile HealthState state;
  private volatile boolean closed;

  HealthWatch(MeterRegistry registry) {
    this.registry = registry;
  }

  /** {@return the last state seen, if a check has ended} */
  public Optional<HealthState> state() {
    return Optional.ofNullable(state);
  }

  /** Stops the checks and removes the gauge. Idempotent. */
  @Override
  public void close() {
    closed = true;
    Flow.Subscription subscription = subscriber.subscription;
    if (subscription != null) {
      subscription.cancel();
    }
    Gauge registered = gauge;
    if (registered != null) {
      registry.remove(registered);
    }
  }

  void register(Gauge registered) {
    gauge = registered;
  }

  Flow.Subscriber<HealthState> subscriber() {
    return subscriber;
  }

  double value() {
    HealthState seen = state;
    if (seen == null) {
      return Double.NaN;
    }
    return switch (seen.health()) {
      case UP -> 1.0;
      case DEGRADED -> 0.5;
      case DOWN -> 0.0;
    };
  }

  /** Takes every state the stream emits: it emits changes only. */
  private final class Subscriber implements Flow.Subscriber<HealthState> {
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription given) {
      subscription = given;
      if (closed) {
        given.cancel();
      } else {
        given.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(HealthState next) {
      state = next;
    }

    @Override
    public void onError(Throwable failure) {
      // The stream fails only on a broken request(n), which this subscriber never makes.
    }

    @Override
    public void onComplete() {
      // The client closed: the last state stays on the gauge until the watch is closed.
    }
  }
}
