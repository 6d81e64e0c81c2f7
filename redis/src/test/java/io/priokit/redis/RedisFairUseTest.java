package io.priokit.redis;

import static io.priokit.testkit.ScriptedTransport.hang;
import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.priokit.Environment;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.RequestRejectedException;
import io.priokit.observe.BudgetModeChanged;
import io.priokit.observe.PriokitListener;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportResponse;
import io.priokit.system.SystemStatus;
import io.priokit.testkit.LogCapture;
import io.priokit.testkit.ScriptedTransport;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fair-use budget shared through a real Redis, by clients that each have a connection of their
 * own as separate instances would: one budget for all of them, a local share when Redis fails, and
 * back to the shared budget by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisFairUseTest {

  private static final String STATUS = "/system/status";

  private RedisServer redis;
  private RedisCommands<String, String> commands;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<BudgetModeChanged> modeChanges = new CopyOnWriteArrayList<>();
  private ScriptedTransport api;

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

  @BeforeEach
  void emptyRedis() {
    api = new ScriptedTransport();
    modeChanges.clear();
    StatefulRedisConnection<String, String> connection = redis.connect();
    closing.add(connection);
    commands = connection.sync();
    commands.flushall();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    closing.clear();
  }

  @Test
  void instancesSharingRedisStayWithinOneRateLimitTogether() {
    api.always(STATUS, respond(200, "{}"));
    FairUsePolicy tenPerWindow = new FairUsePolicy(0, 10, Duration.ofSeconds(30));
    PriokitClient first = client(instance(), tenPerWindow, builder -> builder.deadline(Duration.ofSeconds(1)));
    PriokitClient second = client(instance(), tenPerWindow, builder -> builder.deadline(Duration.ofSeconds(1)));

    List<CompletableFuture<SystemStatus>> calls = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      calls.add(first.async().status());
      calls.add(second.async().status());
    }

    assertThat(outcomes(calls)).containsEntry("ok", 10L).containsEntry("RequestRejectedException", 20L);
    assertThat(api.requests(STATUS)).hasSize(10);
    assertThat(modeChanges).isEmpty();
  }

  @Test
  void requestsInFlightOnOneInstanceTakeTheGuardsRoomOnAnother() throws Exception {
    api.then(STATUS, hang(), hang(), hang()).always(STATUS, respond(200, "{}"));
    FairUsePolicy threeAtOnce = new FairUsePolicy(3, 0);
    PriokitClient first = client(instance(), threeAtOnce, builder -> { });
    PriokitClient second = client(instance(), threeAtOnce, builder -> { });
    first.async().status();
    first.async().status();
    second.async().status();
    awaitRequests(3);

    CompletableFuture<SystemStatus> waiting = second.async().status();
    Thread.sleep(300);
    assertThat(waiting).as("no room while three requests are in flight").isNotDone();
    assertThat(api.requests(STATUS)).hasSize(3);
    api.exchanges().get(0).complete(TransportResponse.of(200, HttpHeaders.of(Map.of(), (n, v) -> true), new byte[0]));

    assertThat(waiting).succeedsWithin(Duration.ofSeconds(5));
  }

  private void awaitRequests(int count) {
    eventually(() -> api.requests(STATUS).size() >= count);
    assertThat(api.requests(STATUS)).hasSize(count);
  }

  /** Waits up to five seconds for something another connection or thread does; the caller asserts it. */
  private static void eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void clientErrorsRecordedOnEveryInstanceFillOneGuard() {
    api.always(STATUS, respond(400, "{\"error\":\"INVALID_REQUEST\"}"));
    FairUsePolicy three = new FairUsePolicy(3, 0);
    PriokitClient first = client(instance(), three, builder -> { });
    PriokitClient second = client(instance(), three, builder -> { });

    List<CompletableFuture<SystemStatus>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(first.async().status());
      calls.add(second.async().status());
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((done, failure) -> null).join();
    }

    assertThat(outcomes(calls)).containsEntry("InvalidRequestException", 3L).containsEntry("RequestRejectedException", 3L);
    assertThat(api.requests(STATUS)).hasSize(3);
  }

  @Test
  void everyKeyOfAFleetLivesInOneHashSlot() {
    api.always(STATUS, respond(429, "{}", "Retry-After", "1"));
    PriokitClient client = client(instance(), FairUsePolicy.defaults(), builder -> builder.retryPolicy(RetryPolicy.none()));
    client.async().status().handle((status, failure) -> null).join();
    // The 429 is settled without waiting for Redis: wait for the hold it set.
    eventually(() -> commands.keys("*").size() == 3);

    List<String> keys = commands.keys("*");
    assertThat(keys).as("requests, client errors and the hold; permits held are gone with the last")
        .hasSize(3).allSatisfy(key -> assertThat(key).startsWith("{priokit:sandbox-distributor-api.prioticket.com/-:egress-1}:"));
    assertThat(keys.stream().map(SlotHash::getSlot).distinct()).hasSize(1);
  }


  @Test
  void a429OnOneInstanceHoldsTheWholeFleetBack() {
    api.then(STATUS, respond(429, "{}", "Retry-After", "1")).always(STATUS, respond(200, "{}"));
    PriokitClient first = client(instance(), FairUsePolicy.defaults(), builder -> builder.retryPolicy(RetryPolicy.none()));
    PriokitClient second = client(instance(), FairUsePolicy.defaults(), builder -> { });
    first.async().status().handle((status, failure) -> null).join();
    eventually(() -> commands.exists(keyOf("hold")) == 1);

    long started = System.nanoTime();
    assertThat(second.async().status()).succeedsWithin(Duration.ofSeconds(5));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("held back by the other instance's 429")
        .isGreaterThan(Duration.ofMillis(700));
  }

  @Test
  void theWindowsAreKeptOnRedissClockSoTheInstancesClocksDoNotMatter() {
    api.always(STATUS, respond(200, "{}"));
    FairUsePolicy two = new FairUsePolicy(0, 2, Duration.ofSeconds(30));
    PriokitClient onTime = client(instance(), two, builder -> builder.deadline(Duration.ofSeconds(1)));
    PriokitClient hoursAhead = client(instance(), two, builder -> builder.deadline(Duration.ofSeconds(1))
        .timeSource(new SkewedClock(Duration.ofHours(5))));

    List<CompletableFuture<SystemStatus>> calls = List.of(onTime.async().status(), hoursAhead.async().status(),
        hoursAhead.async().status(), onTime.async().status());

    assertThat(outcomes(calls)).containsEntry("ok", 2L).containsEntry("RequestRejectedException", 2L);
  }

  @Test
  void aRedisThatLostItsScriptsIsGivenThemAgainWithoutAFallBack() {
    api.always(STATUS, respond(200, "{}"));
    PriokitClient client = client(instance(), FairUsePolicy.defaults(), builder -> { });
    assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));

    commands.scriptFlush();

    assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));
    assertThat(commands.zcard(keyOf("requests"))).isEqualTo(2);
    assertThat(modeChanges).isEmpty();
  }

  @Test
  void withRedisDownCallsGoOnUnderTheLocalShareAndReturnToTheSharedBudgetWhenItIsBack() throws Exception {
    api.always(STATUS, respond(200, "{}"));
    FairUsePolicy ten = new FairUsePolicy(0, 10, Duration.ofSeconds(3));
    PriokitClient client = client(instance(), ten, builder -> builder.deadline(Duration.ofSeconds(1)));
    assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));
    List<CompletableFuture<SystemStatus>> calls = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      redis.kill();
      for (int i = 0; i < 8; i++) {
        calls.add(client.async().status());
      }

      assertThat(outcomes(calls)).as("a share of 10 / 2 instances, less its part of the one sent before")
          .containsEntry("ok", 4L).containsEntry("RequestRejectedException", 4L)
          .doesNotContainKeys("TransportException", "PriokitTimeoutException");
      assertThat(modeChanges).singleElement().satisfies(change -> {
        assertThat(change.mode()).isEqualTo(BudgetModeChanged.Mode.LOCAL_SHARE);
        assertThat(change.budget()).contains("egress-1");
      });
      assertThat(logs.linesFrom("io.priokit WARN Fair-use budget")).singleElement().asString()
          .contains("cannot be reached", "Redis", "local share");
    } finally {
      redis.restart();
    }

    eventually(() -> modeChanges.size() == 2);
    assertThat(modeChanges.get(1).mode()).isEqualTo(BudgetModeChanged.Mode.SHARED);
    assertThat(commands.zcard(keyOf("requests"))).as("the restarted Redis, told what this instance sent").isEqualTo(5);
    assertThat(client.async().status()).as("held to the spent local share for a window, though Redis has room")
        .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
        .isInstanceOf(RequestRejectedException.class);

    Thread.sleep(Duration.ofSeconds(3).plusMillis(300).toMillis());

    assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));
    eventually(() -> commands.keys("*permits*").isEmpty());
    assertThat(commands.keys("*permits*")).as("every permit settled in Redis").isEmpty();
  }

  @Test
  void aHungRedisHoldsACallNoLongerThanTheTimeout() throws Exception {
    api.always(STATUS, respond(200, "{}"));
    PriokitClient client = client(instance(), FairUsePolicy.defaults().withWindow(Duration.ofSeconds(2)),
        builder -> { });
    assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));
    redis.freeze();
    try {
      long started = System.nanoTime();

      assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));
      assertThat(client.status().statusCode()).isEqualTo(200);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 300 ms timeout, once; then the local share")
          .isLessThan(Duration.ofMillis(1_500));
      assertThat(modeChanges).extracting(BudgetModeChanged::mode).containsExactly(BudgetModeChanged.Mode.LOCAL_SHARE);
    } finally {
      redis.thaw();
    }
    eventually(() -> modeChanges.size() == 2);
    assertThat(modeChanges).extracting(BudgetModeChanged::mode)
        .containsExactly(BudgetModeChanged.Mode.LOCAL_SHARE, BudgetModeChanged.Mode.SHARED);
  }

  @Test
  void aRedisThatNeverAnswersBlocksNeitherTheBuilderNorTheCalls() throws Exception {
    api.always(STATUS, respond(200, "{}"));
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      long started = System.nanoTime();
      RedisFairUse fairUse = instance(builder -> builder.uri("redis://127.0.0.1:" + silent.getLocalPort()));
      PriokitClient client = client(fairUse, FairUsePolicy.defaults(), builder -> { });

      assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));
      assertThat(client.status().statusCode()).isEqualTo(200);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      assertThat(modeChanges).extracting(BudgetModeChanged::mode).containsExactly(BudgetModeChanged.Mode.LOCAL_SHARE);
    }
  }

  @Test
  void aBlockingCallFromACallbackOnARedisThreadIsRefusedAtOnceRatherThanStallIt() {
    api.always(STATUS, respond(200, "{}"));
    PriokitClient client = client(instance(), new FairUsePolicy(0, 1, Duration.ofSeconds(30)),
        builder -> builder.deadline(Duration.ofSeconds(1)));
    assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));

    CompletableFuture<Throwable> nested = client.async().status()
        .handle((status, refused) -> {
          try {
            client.status();
            return null;
          } catch (RuntimeException failure) {
            return failure;
          }
        });

    assertThat(nested).succeedsWithin(Duration.ofSeconds(2))
        .isInstanceOfSatisfying(io.priokit.error.ConfigurationException.class,
            misuse -> assertThat(misuse).hasMessageContaining("Blocking call on priokit's own thread priokit-redis"));
    assertThat(modeChanges).as("Redis was never waited on by its own thread").isEmpty();
  }

  @Test
  void closingItStopsLettucesThreads() throws Exception {
    api.always(STATUS, respond(200, "{}"));
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    RedisFairUse fairUse = RedisFairUse.builder().uri(redis.uri()).egress("egress-1").expectedInstances(2).build();
    try (PriokitClient client = client(fairUse, FairUsePolicy.defaults(), builder -> { })) {
      assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));
    }

    fairUse.close();

    eventually(() -> newThreads(before).isEmpty());
    assertThat(newThreads(before)).isEmpty();
  }

  private static List<String> newThreads(java.util.Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive())
        .map(Thread::getName)
        .filter(name -> !name.startsWith("ForkJoinPool"))
        .toList();
  }

  @Test
  void guiceBuildsTheClientOnTheFleetsBudget() {
    api.always(STATUS, respond(200, "{}"));
    RedisFairUse fairUse = instance();
    com.google.inject.Injector injector = com.google.inject.Guice.createInjector(
        new io.priokit.PriokitModule(builder -> builder.environment(Environment.SANDBOX).transport(api)),
        new RedisFairUseModule(fairUse));
    PriokitClient client = injector.getInstance(PriokitClient.class);
    closing.add(client);

    assertThat(client.async().status()).succeedsWithin(Duration.ofSeconds(5));

    assertThat(injector.getInstance(RedisFairUse.class)).isSameAs(fairUse);
    assertThat(commands.zcard(keyOf("requests"))).isEqualTo(1);
  }

  @Test
  void theBuilderSaysWhatIsMissingAndNeverQuotesTheUri() {
    assertThatThrownBy(() -> RedisFairUse.builder().egress("e").expectedInstances(2).build())
        .isInstanceOf(io.priokit.error.ConfigurationException.class).hasMessageContaining("uri(");
    assertThatThrownBy(() -> RedisFairUse.builder().uri(redis.uri()).expectedInstances(2).build())
        .hasMessageContaining("egress(");
    assertThatThrownBy(() -> RedisFairUse.builder().uri(redis.uri()).egress("e").build())
        .hasMessageContaining("expectedInstances(");
    assertThatThrownBy(() -> RedisFairUse.builder().egress("{slot}"))
        .hasMessageContaining("braces");
    assertThatThrownBy(() -> RedisFairUse.builder().uri("redis://:s3cret-pw@"))
        .isInstanceOf(io.priokit.error.ConfigurationException.class)
        .satisfies(error -> assertThat(error.getMessage()).doesNotContain("s3cret-pw"));
    assertThat(RedisFairUse.builder().uri("redis://:s3cret-pw@127.0.0.1:1").egress("e").expectedInstances(2).build())
        .satisfies(fairUse -> {
          closing.add(fairUse);
          assertThat(fairUse.toString()).doesNotContain("s3cret-pw");
        });
  }

  private String keyOf(String name) {
    return "{priokit:sandbox-distributor-api.prioticket.com/-:egress-1}:" + name;
  }

  /** The system's clocks, moved by an offset: an instance whose clock is wrong. */
  private static final class SkewedClock implements io.priokit.spi.TimeSource {
    private final io.priokit.spi.TimeSource system = io.priokit.spi.TimeSource.system();
    private final Duration offset;

    SkewedClock(Duration offset) {
      this.offset = offset;
    }

    @Override
    public long nanoTime() {
      return system.nanoTime() + offset.toNanos();
    }

    @Override
    public java.time.Instant instant() {
      return system.instant().plus(offset);
    }

    @Override
    public CompletableFuture<Void> delay(Duration delay) {
      return system.delay(delay);
    }

    @Override
    public void close() {
      system.close();
    }
  }

  // ---------------------------------------------------------------- helpers

  private RedisFairUse instance() {
    return instance(builder -> { });
  }

  private RedisFairUse instance(Consumer<RedisFairUse.Builder> changes) {
    RedisFairUse.Builder builder = RedisFairUse.builder().uri(redis.uri()).egress("egress-1").expectedInstances(2)
        .timeout(Duration.ofMillis(300)).recheckEvery(Duration.ofMillis(200));
    changes.accept(builder);
    RedisFairUse fairUse = builder.build();
    closing.add(fairUse);
    return fairUse;
  }

  private PriokitClient client(RedisFairUse fairUse, FairUsePolicy policy, Consumer<PriokitClient.Builder> changes) {
    PriokitClient.Builder builder = PriokitClient.builder()
        .environment(Environment.SANDBOX)
        .transport(api)
        .fairUse(policy)
        .fairUseBudget(fairUse)
        .listener(new PriokitListener() {
          @Override
          public void budgetModeChanged(BudgetModeChanged event) {
            modeChanges.add(event);
          }
        });
    changes.accept(builder);
    PriokitClient client = builder.build();
    closing.add(client);
    return client;
  }

  private static Map<String, Long> outcomes(List<CompletableFuture<SystemStatus>> calls) {
    return calls.stream().collect(Collectors.groupingBy(call -> call.handle((status, failure) -> failure == null
        ? "ok" : TransportFailure.unwrap(failure).getClass().getSimpleName()).join(), TreeMap::new,
        Collectors.counting()));
  }
}
