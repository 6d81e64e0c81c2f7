package io.priokit.internal;

import io.priokit.error.PriokitException;
import io.priokit.error.TransportException;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportFailure;
import io.priokit.system.AsyncSystemHealth;
import io.priokit.system.Health;
import io.priokit.system.HealthState;
import io.priokit.system.SystemStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stream of the API's health: each subscriber's subscription polls {@code /system/status} at an
 * interval and emits a {@link HealthState} whenever it {@link HealthState#differsFrom differs} from
 * the last one emitted. It honours backpressure by conflation: while the subscriber has no demand,
 * only the newest change is kept, and it is delivered when demand comes. The stream completes when
 * the client closes.
 */
public final class HealthPublisher implements Flow.Publisher<HealthState> {

  private final AsyncSystemHealth health;
  private final TimeSource time;
  private final Duration interval;
  private final Duration degradedAbove;

  /**
   * @param health the calls to poll with
   * @param time the timers to poll on
   * @param interval the time between the end of one check and the start of the next
   * @param degradedAbove a successful check slower than this is DEGRADED
   */
  public HealthPublisher(AsyncSystemHealth health, TimeSource time, Duration interval, Duration degradedAbove) {
    this.health = health;
    this.time = time;
    this.interval = interval;
    this.degradedAbove = degradedAbove;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super HealthState> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Poll poll = new Poll(subscriber);
    subscriber.onSubscribe(poll);
    poll.check();
  }

  /** One subscriber's subscription: polls, detects changes, and delivers them as demand allows. */
  private final class Poll implements Flow.Subscription {

    private final Flow.Subscriber<? super HealthState> subscriber;
    private final AtomicInteger drainers = new AtomicInteger();
    private final AtomicReference<HealthState> undelivered = new AtomicReference<>();
    private volatile long demand;
    private volatile boolean cancelled;
    private volatile boolean completed;
    private volatile HealthState lastSeen;
    private volatile CompletableFuture<?> inFlight;

    Poll(Flow.Subscriber<? super HealthState> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        subscriber.onError(new IllegalArgumentException("request must be positive (rule 3.9), was " + n));
        return;
      }
      synchronized (this) {
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      CompletableFuture<?> pending = inFlight;
      if (pending != null) {
        pending.cancel(true);
      }
    }

    void check() {
      if (cancelled) {
        return;
      }
      CompletableFuture<SystemStatus> call = health.status();
      inFlight = call;
      call.whenComplete((status, failure) -> {
        if (cancelled) {
          return;
        }
        HealthState state = status != null ? observed(status) : down(failure);
        if (state.differsFrom(lastSeen)) {
          lastSeen = state;
          undelivered.set(state);
        }
        if (state.health() == Health.DOWN && isClientClosed(state.cause())) {
          completed = true;
          drain();
          return;
        }
        drain();
        CompletableFuture<Void> wait = time.delay(interval);
        inFlight = wait;
        wait.thenRun(this::check);
      });
    }

    private HealthState observed(SystemStatus status) {
      boolean degraded = status.attempts() > 1 || status.latency().compareTo(degradedAbove) > 0;
      return new HealthState(degraded ? Health.DEGRADED : Health.UP, time.instant(), status.latency(),
          status.attempts(), null);
    }

    private HealthState down(Throwable failure) {
      Throwable cause = TransportFailure.unwrap(failure);
      PriokitException priokit = cause instanceof PriokitException mapped ? mapped
          : new TransportException(TransportException.Reason.IO_FAILED, String.valueOf(cause), cause, null);
      return new HealthState(Health.DOWN, time.instant(), null, priokit.attempts(), priokit);
    }

    private boolean isClientClosed(PriokitException cause) {
      return cause instanceof TransportException transport
          && transport.reason() == TransportException.Reason.CLIENT_CLOSED;
    }

    /** Delivers the newest undelivered change if there is demand; serialised so signals never overlap. */
    private void drain() {
      if (drainers.getAndIncrement() != 0) {
        return;
      }
      do {
        if (!cancelled) {
          deliverIfDemanded();
          if (completed && undelivered.get() == null) {
            cancelled = true;
            subscriber.onComplete();
          }
        }
      } while (drainers.decrementAndGet() != 0);
    }

    private void deliverIfDemanded() {
      HealthState next;
      synchronized (this) {
        if (demand == 0 || undelivered.get() == null) {
          return;
        }
        next = undelivered.getAndSet(null);
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
      }
      subscriber.onNext(next);
    }
  }
}
