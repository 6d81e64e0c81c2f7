package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.hang;
import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.error.TransportException;
import io.priokit.system.Health;
import io.priokit.system.HealthState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The health stream in virtual time: changes only, demand honoured, stopped by cancel and close. */
class HealthStreamTest extends PipelineFixture {

  private static final Duration INTERVAL = Duration.ofSeconds(10);

  /** A subscriber that records what it gets and requests only what the test says. */
  private static final class Recorder implements Flow.Subscriber<HealthState> {
    final List<HealthState> states = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    volatile boolean completed;
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription granted) {
      subscription = granted;
    }

    @Override
    public void onNext(HealthState state) {
      states.add(state);
    }

    @Override
    public void onError(Throwable failure) {
      errors.add(failure);
    }

    @Override
    public void onComplete() {
      completed = true;
    }

    List<Health> healths() {
      return states.stream().map(HealthState::health).toList();
    }
  }

  private PriokitClient client;

  private Recorder subscribe(long initialDemand) {
    client = client(builder -> builder.retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO)));
    Recorder recorder = new Recorder();
    client.watchHealth(INTERVAL, Duration.ofSeconds(2)).subscribe(recorder);
    if (initialDemand > 0) {
      recorder.subscription.request(initialDemand);
    }
    return recorder;
  }

  @Test
  void theFirstStateAndThenOnlyChangesAreEmitted() {
    api.then(STATUS, respond(200, "{}"), respond(200, "{}"), respond(200, "{}"),
        respond(503, ""), respond(503, ""), respond(503, ""),
        respond(200, "{}"));
    Recorder recorder = subscribe(Long.MAX_VALUE);

    for (int i = 0; i < 4; i++) {
      time.advance(INTERVAL);
    }

    assertThat(recorder.healths()).containsExactly(Health.UP, Health.DOWN, Health.UP);
    assertThat(recorder.states.get(1).failure()).get().isInstanceOf(ServiceUnavailableException.class);
    assertThat(recorder.states.get(1).attempts()).isEqualTo(3);
  }

  @Test
  void aCheckThatNeededRetriesIsDegraded() {
    api.then(STATUS, respond(502, ""), respond(200, "{}"));

    Recorder recorder = subscribe(Long.MAX_VALUE);

    assertThat(recorder.states).singleElement().satisfies(state -> {
      assertThat(state.health()).isEqualTo(Health.DEGRADED);
      assertThat(state.attempts()).isEqualTo(2);
      assertThat(state.failure()).isEmpty();
    });
  }

  @Test
  void aCheckSlowerThanTheThresholdIsDegraded() {
    api.then(STATUS, io.priokit.testkit.ScriptedTransport.hang());
    Recorder recorder = subscribe(Long.MAX_VALUE);

    time.advance(Duration.ofSeconds(3));
    api.exchanges().get(0).complete(io.priokit.spi.TransportResponse.of(200,
        java.net.http.HttpHeaders.of(java.util.Map.of(), (n, v) -> true), new byte[0]));

    assertThat(recorder.states).singleElement().satisfies(state -> {
      assertThat(state.health()).isEqualTo(Health.DEGRADED);
      assertThat(state.latency()).isEqualTo(Duration.ofSeconds(3));
      assertThat(state.attempts()).isEqualTo(1);
    });
  }

  @Test
  void withoutDemandOnlyTheNewestChangeIsKeptAndDeliveredWhenAsked() {
    api.then(STATUS, respond(200, "{}"), respond(400, ""), respond(200, "{}"), respond(404, ""));
    Recorder recorder = subscribe(1);
    assertThat(recorder.healths()).containsExactly(Health.UP);

    time.advance(INTERVAL);
    time.advance(INTERVAL);
    time.advance(INTERVAL);
    assertThat(recorder.states).as("nothing beyond the demand").hasSize(1);

    recorder.subscription.request(5);
    assertThat(recorder.healths()).containsExactly(Health.UP, Health.DOWN);
    assertThat(recorder.states.get(1).failure()).get()
        .satisfies(cause -> assertThat(cause.getMessage()).contains("404"));
  }

  @Test
  void cancellingStopsThePolling() {
    api.always(STATUS, respond(200, "{}"));
    Recorder recorder = subscribe(Long.MAX_VALUE);

    recorder.subscription.cancel();
    time.advance(INTERVAL.multipliedBy(5));

    assertThat(api.requests(STATUS)).hasSize(1);
    assertThat(time.pendingTimers()).isZero();
  }

  @Test
  void theStreamCompletesWhenTheClientClosesBetweenPolls() {
    api.always(STATUS, respond(200, "{}"));
    Recorder recorder = subscribe(Long.MAX_VALUE);

    client.close();

    assertThat(recorder.completed).as("completed at once, not at the next poll").isTrue();
    assertThat(recorder.healths()).containsExactly(Health.UP);
    time.advance(INTERVAL.multipliedBy(3));
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void aClientClosedDuringAPollCompletesTheStreamWithoutADown() {
    api.then(STATUS, respond(200, "{}"), hang());
    Recorder recorder = subscribe(Long.MAX_VALUE);
    time.advance(INTERVAL);
    assertThat(api.exchanges()).as("the second poll is in flight").hasSize(2);

    client.close();

    assertThat(recorder.completed).isTrue();
    assertThat(recorder.healths()).containsExactly(Health.UP);
    assertThat(recorder.errors).isEmpty();
  }

  @Test
  void aStreamSubscribedAfterTheClientClosedCompletesAtOnce() {
    PriokitClient closed = client();
    closed.close();
    Recorder recorder = new Recorder();

    closed.watchHealth(INTERVAL).subscribe(recorder);

    assertThat(recorder.completed).isTrue();
    assertThat(recorder.states).isEmpty();
    assertThat(api.requests(STATUS)).isEmpty();
  }

  @Test
  void aNonPositiveRequestIsAnError() {
    api.always(STATUS, respond(200, "{}"));
    Recorder recorder = subscribe(0);

    recorder.subscription.request(0);

    assertThat(recorder.errors).singleElement().isInstanceOf(IllegalArgumentException.class);
    assertThat(recorder.states).isEmpty();
  }
}
