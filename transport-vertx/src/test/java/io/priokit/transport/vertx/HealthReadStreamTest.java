package io.priokit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.system.Health;
import io.priokit.system.HealthState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Flow control of the Vert.x health stream over a publisher the test drives by hand: what is called on
 * the stream's context takes effect before the call returns.
 */
class HealthReadStreamTest {

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final HandDrivenPublisher publisher = new HandDrivenPublisher();
  private final HealthReadStream stream = new HealthReadStream(publisher, context);

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aHandlerThatPausesGetsNothingMoreUntilItFetches() throws Exception {
    List<Health> seen = new CopyOnWriteArrayList<>();
    onContext(() -> stream.handler(state -> {
      seen.add(state.health());
      stream.pause();
    }));
    onContext(() -> {
      publisher.subscriber.onSubscribe(publisher.subscription);
      publisher.subscriber.onNext(state(Health.UP));
      publisher.subscriber.onNext(state(Health.DEGRADED));
    });
    assertThat(seen).containsExactly(Health.UP);

    onContext(() -> stream.fetch(1));

    assertThat(seen).containsExactly(Health.UP, Health.DEGRADED);
  }

  @Test
  void aHandlerRemovedBeforeTheSubscriptionArrivesCancelsIt() throws Exception {
    onContext(() -> {
      stream.handler(state -> { });
      stream.handler(null);
    });

    onContext(() -> publisher.subscriber.onSubscribe(publisher.subscription));

    assertThat(publisher.cancelled).isTrue();
    assertThat(publisher.requested).hasValue(0);
  }

  private void onContext(Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(ignored -> {
      action.run();
      done.complete(null);
    });
    done.get(10, TimeUnit.SECONDS);
  }

  private static HealthState state(Health health) {
    return new HealthState(health, Instant.now(), Duration.ofMillis(1), 1, null);
  }

  /** Keeps its subscriber, so that the test decides when each signal arrives. */
  private static final class HandDrivenPublisher implements Flow.Publisher<HealthState> {
    private final AtomicLong requested = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Flow.Subscription subscription = new Flow.Subscription() {
      @Override
      public void request(long n) {
        requested.addAndGet(n);
      }

      @Override
      public void cancel() {
        cancelled.set(true);
      }
    };
    private volatile Flow.Subscriber<? super HealthState> subscriber;

    @Override
    public void subscribe(Flow.Subscriber<? super HealthState> next) {
      subscriber = next;
    }
  }
}
