package io.priokit.redis;

import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.priokit.Environment;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.system.Health;
import io.priokit.system.HealthState;
import io.priokit.testkit.ScriptedTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Health streams of several instances sharing one poller through a real Redis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSharedHealthTest {

  private static final String STATUS = "/system/status";
  private static final Duration INTERVAL = Duration.ofMillis(300);

  private RedisServer redis;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeAll
  void startRedis() throws Exception {
    redis = RedisServer.start();
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    closing.clear();
    try (StatefulRedisConnection<String, String> connection = redis.connect()) {
      connection.sync().flushall();
    }
  }

  @Test
  void threeInstancesPollOncePerIntervalBetweenThemAndAllSeeTheState() throws Exception {
    ScriptedTransport api = new ScriptedTransport().always(STATUS, respond(200, "{}"));
    List<Watcher> watchers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      watchers.add(watch(instance(api)));
    }

    Thread.sleep(INTERVAL.multipliedBy(10).toMillis());

    int polls = api.requests(STATUS).size();
    assertThat(polls).as("about one poll per interval for the three of them").isBetween(6, 14);
    assertThat(watchers).allSatisfy(watcher -> assertThat(watcher.healths()).containsExactly(Health.UP));
  }

  @Test
  void everyInstanceSeesTheStateTheLeaderSawChange() throws Exception {
    ScriptedTransport api = new ScriptedTransport().always(STATUS, respond(200, "{}"));
    List<Watcher> watchers = List.of(watch(instance(api)), watch(instance(api)));
    eventually(() -> watchers.stream().allMatch(watcher -> !watcher.states.isEmpty()));

    api.always(STATUS, respond(503, "{\"error\":\"DOWN\",\"error_reference\":\"ref-503\"}"));

    eventually(() -> watchers.stream().allMatch(watcher -> watcher.healths().contains(Health.DOWN)));
    assertThat(watchers).allSatisfy(watcher -> {
      assertThat(watcher.healths()).containsExactly(Health.UP, Health.DOWN);
      HealthState down = watcher.states.get(1);
      assertThat(down.failure()).get().isInstanceOfSatisfying(ServiceUnavailableException.class, failure -> {
        assertThat(failure.statusCode()).isEqualTo(503);
        assertThat(failure.errorReference()).hasValue("ref-503");
      });
    });
  }

  @Test
  void whenTheLeaderLeavesAnotherPollsInItsPlace() throws Exception {
    ScriptedTransport api = new ScriptedTransport().always(STATUS, respond(200, "{}"));
    List<Watcher> watchers = List.of(watch(instance(api)), watch(instance(api)), watch(instance(api)));
    Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
    String leader;
    try (StatefulRedisConnection<String, String> connection = redis.connect()) {
      RedisCommands<String, String> commands = connection.sync();
      leader = commands.get(commands.keys("*health*lease").get(0));
    }

    for (Watcher watcher : watchers) {
      watcher.subscription.cancel();
      int before = api.requests(STATUS).size();
      Thread.sleep(INTERVAL.multipliedBy(4).toMillis());
      if (watcher != watchers.get(2)) {
        assertThat(api.requests(STATUS).size() - before).as("polls go on with " + leader + " gone").isBetween(2, 6);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private PriokitClient instance(ScriptedTransport api) {
    RedisFairUse fairUse = RedisFairUse.builder().uri(redis.uri()).egress("egress-1").expectedInstances(3).build();
    closing.add(fairUse);
    PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(api)
        .fairUse(FairUsePolicy.defaults()).fairUseBudget(fairUse)
        .retryPolicy(RetryPolicy.none()).build();
    closing.add(client);
    return client;
  }

  private static Watcher watch(PriokitClient client) {
    Watcher watcher = new Watcher();
    client.watchHealth(INTERVAL).subscribe(watcher);
    return watcher;
  }

  private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Records what a stream emits, asking for everything. */
  private static final class Watcher implements Flow.Subscriber<HealthState> {
    final List<HealthState> states = new CopyOnWriteArrayList<>();
    volatile Flow.Subscription subscription;

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
