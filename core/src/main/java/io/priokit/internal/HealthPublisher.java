package io.priokit.internal;

import io.priokit.error.PriokitException;
import io.priokit.error.TransportException;
import io.priokit.spi.SharedHealth;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportFailure;
import io.priokit.system.AsyncSystemHealth;
import io.priokit.system.Health;
import io.priokit.system.HealthState;
import io.priokit.system.SystemStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stream of the API's health: each subscriber's subscription polls {@code /system/status} at an
 * interval and emits a {@link HealthState} whenever it {@link HealthState#differsFrom differs} from
 * the last one emitted. It honours backpressure by conflation: while the subscriber has no demand,
 * only the newest change is kept, and it is delivered when demand comes. The stream completes when
 * the client closes, without a state of its own: a closing client says nothing of the API's health.
 *
 * <p>With {@link SharedHealth}, the subscriptions of a whole fleet that poll at the same interval
 * poll once between them: each round, one takes or keeps a lease one interval long (renewed every
 * half interval while it lives) and polls, then publishes what it saw; the others read that. When the
 * store cannot be reached a subscription polls on its own for that round.
 */
public final class HealthPublisher implements Flow.Publisher<HealthState> {

  private final AsyncSystemHealth health;
  private final TimeSource time;
  private final Duration interval;
  private final Duration degradedAbove;
  private final Streams streams;
  private final SharedHealth shared;
  private final HealthObservations observations = new HealthObservations();

  /** The subscriptions of one client's health streams, which its closing completes. */
  public static final class Streams {
    private final java.util.Set<Poll> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Completes every stream at once, and any subscribed later. */
    public void close() {
      closed = true;
      for (Poll poll : open) {
        poll.complete();
      }
    }
  }

  /**
   * @param health the calls to poll with
   * @param time the timers to poll on
   * @param interval the time between the end of one check and the start of the next
   * @param degradedAbove a successful check slower than this is DEGRADED
   * @param streams the client's open streams, completed when it closes
   * @param shared where a fleet shares one poller, if it does
   */
  public HealthPublisher(AsyncSystemHealth health, TimeSource time, Duration interval, Duration degradedAbove,
      Streams streams, Optional<SharedHealth> shared) {
    this.health = health;
    this.time = time;
    this.interval = interval;
    this.degradedAbove = degradedAbove;
    this.streams = streams;
    this.shared = shared.orElse(null);
  }

  @Override
  public void subscribe(Flow.Subscriber<? super HealthState> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Poll poll = new Poll(subscriber);
    streams.open.add(poll);
    subscriber.onSubscribe(poll);
    if (streams.closed) {
      poll.complete();
      return;
    }
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
    /** This subscription's name in the fleet's lease: the process id, then a random part. */
    private final String holder = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private volatile boolean leading;
    /** Counts this subscription's terms as leader, so that a renewal loop outlives none. */
    private final AtomicInteger terms = new AtomicInteger();

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
      streams.open.remove(this);
      stopInFlight();
      resign();
    }

    /** The client closed: no more checks; the stream completes, with what is undelivered dropped. */
    void complete() {
      completed = true;
      streams.open.remove(this);
      stopInFlight();
      resign();
      drain();
    }

    /** Gives the fleet's lease up at once, so that another subscription polls from its next round. */
    private void resign() {
      if (shared != null && leading) {
        leading = false;
        shared.resign(stream(), holder);
      }
    }

    private void stopInFlight() {
      CompletableFuture<?> pending = inFlight;
      if (pending != null) {
        pending.cancel(true);
      }
    }

    void check() {
      if (cancelled || completed) {
        return;
      }
      if (shared == null) {
        poll(false);
        return;
      }
      CompletableFuture<SharedHealth.Turn> turn = shared.turn(stream(), holder, interval);
      inFlight = turn;
      turn.whenComplete((answer, failure) -> {
        if (cancelled || completed) {
          return;
        }
        if (failure != null) {
          // The store cannot say who polls: this round, poll here rather than see nothing.
          leading = false;
          poll(false);
          return;
        }
        if (answer.leads()) {
          if (!leading) {
            leading = true;
            renewLater(terms.incrementAndGet());
          }
          poll(true);
          return;
        }
        leading = false;
        answer.published().flatMap(observations::read).ifPresent(seen -> show(seen.failure() == null
            ? observed(seen.at(), seen.latency(), seen.attempts()) : down(seen.at(), seen.failure())));
        next();
      });
    }

    /** Checks status here; a leader publishes what it saw for the fleet. */
    private void poll(boolean lead) {
      CompletableFuture<SystemStatus> call = health.status();
      inFlight = call;
      call.whenComplete((status, failure) -> {
        if (cancelled || completed) {
          return;
        }
        if (status == null && isClientClosed(failure)) {
          complete();
          return;
        }
        Instant at = time.instant();
        PriokitException cause = status == null ? priokitException(failure) : null;
        if (lead && leading) {
          shared.publish(stream(), holder, cause == null ? observations.success(at, status.latency(), status.attempts())
              : observations.failure(at, cause), interval);
        }
        show(cause == null ? observed(at, status.latency(), status.attempts()) : down(at, cause));
        next();
      });
    }

    /** Keeps the lease while this subscription leads, by half an interval ahead, even through a long check. */
    private void renewLater(int term) {
      time.delay(interval.dividedBy(2)).thenRun(() -> {
        if (leading && terms.get() == term && !cancelled && !completed) {
          shared.turn(stream(), holder, interval).whenComplete((answer, failure) -> {
            if (answer != null && !answer.leads()) {
              leading = false;
            }
            renewLater(term);
          });
        }
      });
    }

    private void show(HealthState state) {
      if (state.differsFrom(lastSeen)) {
        lastSeen = state;
        undelivered.set(state);
      }
      drain();
    }

    private void next() {
      CompletableFuture<Void> wait = time.delay(interval);
      inFlight = wait;
      wait.thenRun(this::check);
    }

    private HealthState observed(Instant at, Duration latency, int attempts) {
      boolean degraded = attempts > 1 || latency.compareTo(degradedAbove) > 0;
      return new HealthState(degraded ? Health.DEGRADED : Health.UP, at, latency, attempts, null);
    }

    private HealthState down(Instant at, PriokitException cause) {
      return new HealthState(Health.DOWN, at, null, cause.attempts(), cause);
    }

    private PriokitException priokitException(Throwable failure) {
      Throwable cause = TransportFailure.unwrap(failure);
      return cause instanceof PriokitException mapped ? mapped
          : new TransportException(TransportException.Reason.IO_FAILED, String.valueOf(cause), cause, null);
    }

    /** Subscriptions polling at the same interval share a stream. */
    private String stream() {
      return interval.toMillis() + "ms";
    }

    private boolean isClientClosed(Throwable failure) {
      return TransportFailure.unwrap(failure) instanceof TransportException transport
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
          if (completed) {
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
