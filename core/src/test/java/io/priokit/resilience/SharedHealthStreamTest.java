package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.spi.BudgetContext;
import io.priokit.spi.FairUseBudget;
import io.priokit.spi.FairUseBudgetFactory;
import io.priokit.spi.SharedHealth;
import io.priokit.system.Health;
import io.priokit.system.HealthState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * Health streams of several clients sharing one poller through the shared health port, in virtual
 * time, over a store kept in memory (the Redis store is tested in priokit-redis): one polls per
 * interval, the others read what it saw, a leaver is replaced, and a store that fails leaves each to
 * poll on its own.
 */
class SharedHealthStreamTest extends PipelineFixture {

  private static final Duration INTERVAL = Duration.ofSeconds(10);

  @Test
  void clientsSharingHealthPollOncePerIntervalAndAllSeeWhatTheLeaderSaw() {
    api.always(STATUS, respond(200, "{}"));
    MemoryHealth store = new MemoryHealth();
    List<Watcher> watchers = List.of(watch(store), watch(store), watch(store));

    for (int i = 0; i < 5; i++) {
      time.advance(INTERVAL);
    }

    assertThat(api.requests(STATUS)).as("one poll per interval for the three").hasSize(6);
    assertThat(watchers).allSatisfy(watcher -> assertThat(watcher.healths()).containsExactly(Health.UP));

    api.always(STATUS, respond(503, "{\"error\":\"DOWN\"}"));
    time.advance(INTERVAL);
    time.advance(INTERVAL);
    assertThat(watchers).allSatisfy(watcher -> {
      assertThat(watcher.healths()).containsExactly(Health.UP, Health.DOWN);
      assertThat(watcher.states.get(1).failure()).get().isInstanceOf(ServiceUnavailableException.class);
    });
  }

  @Test
  void whenTheLeaderLeavesTheNextToLookPollsInItsPlace() {
    api.always(STATUS, respond(200, "{}"));
    MemoryHealth store = new MemoryHealth();
    Watcher first = watch(store);
    Watcher second = watch(store);
    time.advance(INTERVAL);
    assertThat(store.holder).isNotNull();

    (store.holder.equals(first.holder()) ? first : second).subscription.cancel();
    int before = api.requests(STATUS).size();
    time.advance(INTERVAL);
    time.advance(INTERVAL);

    assertThat(api.requests(STATUS).size() - before).isEqualTo(2);
  }

  @Test
  void whenTheStoreFailsEachPollsOnItsOwn() {
    api.always(STATUS, respond(200, "{}"));
    MemoryHealth store = new MemoryHealth();
    store.failing = true;
    List<Watcher> watchers = List.of(watch(store), watch(store));

    time.advance(INTERVAL);

    assertThat(api.requests(STATUS)).hasSize(4);
    assertThat(watchers).allSatisfy(watcher -> assertThat(watcher.healths()).containsExactly(Health.UP));
  }

  private Watcher watch(MemoryHealth store) {
    PriokitClient client = client(builder -> builder.retryPolicy(RetryPolicy.none())
        .fairUse(FairUsePolicy.disabled()).fairUseBudget(new FairUseBudgetFactory() {
          @Override
          public FairUseBudget create(FairUsePolicy policy, BudgetContext context) {
            return FairUseBudget.local(policy, context.time());
          }

          @Override
          public Optional<SharedHealth> sharedHealth(BudgetContext context) {
            return Optional.of(store);
          }
        }));
    Watcher watcher = new Watcher(store);
    client.watchHealth(INTERVAL).subscribe(watcher);
    return watcher;
  }

  /** A shared health store in memory, its lease timed on the test's virtual clock. */
  private final class MemoryHealth implements SharedHealth {
    volatile String holder;
    volatile long leaseEnds;
    volatile String observation;
    volatile boolean failing;
    final List<String> holders = new CopyOnWriteArrayList<>();

    @Override
    public synchronized CompletableFuture<Turn> turn(String stream, String asking, Duration lease) {
      if (failing) {
        return CompletableFuture.failedFuture(new IllegalStateException("store down"));
      }
      holders.add(asking);
      if (holder == null || holder.equals(asking) || time.nanoTime() >= leaseEnds) {
        holder = asking;
        leaseEnds = time.nanoTime() + lease.toNanos();
        return CompletableFuture.completedFuture(new Turn(true, observation));
      }
      return CompletableFuture.completedFuture(new Turn(false, observation));
    }

    @Override
    public synchronized CompletableFuture<Void> publish(String stream, String asking, String seen, Duration lease) {
      if (asking.equals(holder)) {
        leaseEnds = time.nanoTime() + lease.toNanos();
        observation = seen;
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> resign(String stream, String asking) {
      if (asking.equals(holder)) {
        holder = null;
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Records what a stream emits, asking for everything; knows the holder name its subscription used. */
  private static final class Watcher implements Flow.Subscriber<HealthState> {
    final List<HealthState> states = new CopyOnWriteArrayList<>();
    final MemoryHealth store;
    final int asked;
    volatile Flow.Subscription subscription;

    Watcher(MemoryHealth store) {
      this.store = store;
      this.asked = store.holders.size();
    }

    /** The name this subscription asked the store with: the first new one after it subscribed. */
    String holder() {
      return store.holders.get(asked);
    }

    @Override
    public void onSubscribe(Flow.Subscription granted) {
      subscription = granted;
      granted.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(HealthState state) {
      states.add(state);
    }

    @Override
    public void onError(Throwable failure) {}

    @Override
    public void onComplete() {}

    List<Health> healths() {
      return states.stream().map(HealthState::health).toList();
    }
  }
}
