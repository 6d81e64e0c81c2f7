package io.priokit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fleet of four separate JVMs, each a client on one Redis budget, hammering one simulator with a
 * short window: the simulator's own counts hold the fleet to one budget, with Redis up, and with
 * Redis killed in the middle and started again; and their health streams poll once per interval
 * between them, a killed poller replaced.
 */
class FleetTest {

  private static final int INSTANCES = 4;
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final int RATE = 24;
  private static final int GUARD = 8;

  private RedisServer redis;
  private PrioticketSimulator api;
  private final List<FleetInstance> fleet = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    api = PrioticketSimulator.start().scenario(Scenario.healthy().withLatency(Duration.ofMillis(5)));
  }

  @AfterEach
  void stop() {
    fleet.forEach(FleetInstance::kill);
    if (api != null) {
      api.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void fourInstancesTogetherSendNoMoreThanOneRateLimitPerWindow() throws Exception {
    launch("calls", 8);

    awaitAll();

    int most = api.mostRequestsWithin(WINDOW);
    report("rate", most);
    assertThat(most).as("requests the simulator saw within any 2 s").isLessThanOrEqualTo(RATE);
    assertThat(api.requestCount("/system/status")).as("the fleet was not held back for nothing")
        .isGreaterThanOrEqualTo(RATE * 3);
    assertThat(fleet).allSatisfy(instance -> {
      assertThat(instance.outcomes()).doesNotContain("unexpected", "TransportException", "PriokitTimeoutException");
      assertThat(instance.lines).noneMatch(line -> line.startsWith("mode"));
    });
  }

  @Test
  void fourInstancesTogetherNeverLetThroughMore4xxThanTheGuardAllows() throws Exception {
    api.scenario(Scenario.failing(400));
    launch("calls", 8);

    awaitAll();

    int most = api.mostClientErrorsWithin(WINDOW);
    report("4xx", most);
    assertThat(most).as("4xx responses the simulator sent within any 2 s").isLessThanOrEqualTo(GUARD);
    assertThat(fleet).allSatisfy(instance -> assertThat(instance.outcomes())
        .doesNotContain("unexpected", "TransportException", "PriokitTimeoutException"));
  }

  @Test
  void withRedisKilledAndStartedAgainNoCallFailsTheLocalSharesHoldAndTheSharedBudgetResumes() throws Exception {
    // Up and answering 400 in turns, so that both limits are tested through the outage.
    api.scenario(Scenario.failing(400).withLatency(Duration.ofMillis(5)).flappingEvery(Duration.ofMillis(1_500)));
    launch("calls", 8);
    Thread.sleep(3_000);

    redis.kill();
    Thread.sleep(3_000);
    redis.restart();
    awaitAll();

    int most = api.mostRequestsWithin(WINDOW);
    int mostClientErrors = api.mostClientErrorsWithin(WINDOW);
    report("rate with Redis killed", most);
    report("4xx with Redis killed", mostClientErrors);
    assertThat(most).as("requests the simulator saw within any 2 s, shared or in local shares")
        .isLessThanOrEqualTo(RATE);
    assertThat(mostClientErrors).as("4xx responses within any 2 s, shared or in local shares")
        .isLessThanOrEqualTo(GUARD);
    assertThat(api.mostClientErrorsWithin(Duration.ofMinutes(1))).as("the 400 phases were reached").isPositive();
    assertThat(fleet).allSatisfy(instance -> {
      assertThat(instance.outcomes()).doesNotContain("unexpected", "TransportException", "PriokitTimeoutException");
      assertThat(instance.lines).filteredOn(line -> line.startsWith("mode")).extracting(line -> line.split(" ")[1])
          .containsExactly("LOCAL_SHARE", "SHARED");
    });
  }

  @Test
  void fourInstancesPollHealthOncePerIntervalAndAKilledPollerIsReplaced() throws Exception {
    Duration interval = Duration.ofMillis(500);
    for (int i = 0; i < INSTANCES; i++) {
      fleet.add(FleetInstance.launch(options("health", interval, 0, 25)));
    }
    fleet.forEach(instance -> instance.awaitLine("health UP", Duration.ofSeconds(20)));
    int atStart = api.requestCount("/system/status");
    Thread.sleep(interval.multipliedBy(8).toMillis());
    int polls = api.requestCount("/system/status") - atStart;
    report("health polls in 8 intervals", polls);
    assertThat(polls).as("one poll per interval for the four of them").isBetween(5, 11);

    long leader = leaderPid();
    FleetInstance poller = fleet.stream().filter(instance -> instance.pid() == leader).findFirst().orElseThrow();
    poller.kill();
    Thread.sleep(interval.multipliedBy(3).toMillis());
    int afterKill = api.requestCount("/system/status");
    Thread.sleep(interval.multipliedBy(8).toMillis());
    int replaced = api.requestCount("/system/status") - afterKill;
    report("health polls in 8 intervals after the poller was killed", replaced);
    assertThat(replaced).as("another polls in its place").isBetween(5, 11);
    assertThat(leaderPid()).isNotEqualTo(leader);

    api.scenario(Scenario.failing(503));
    fleet.stream().filter(instance -> instance != poller)
        .forEach(instance -> instance.awaitLine("health DOWN", Duration.ofSeconds(10)));
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Starts the instances, lets each make its first call, waits a window so those leave it, and then
   * lets them all run at once.
   */
  private void launch(String mode, int callers) throws IOException, InterruptedException {
    for (int i = 0; i < INSTANCES; i++) {
      fleet.add(FleetInstance.launch(options(mode, WINDOW, callers, 10)));
    }
    fleet.forEach(instance -> instance.awaitLine("warm", Duration.ofSeconds(30)));
    Thread.sleep(WINDOW.plusMillis(500).toMillis());
    fleet.forEach(FleetInstance::go);
  }

  private void awaitAll() throws InterruptedException {
    for (FleetInstance instance : fleet) {
      assertThat(instance.ended(Duration.ofSeconds(60))).as("instance ended, output " + instance.lines).isZero();
    }
  }

  private long leaderPid() {
    try (RedisClient client = RedisClient.create(redis.uri());
        StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> commands = connection.sync();
      String holder = commands.get(commands.keys("*health*lease").get(0));
      return Long.parseLong(holder.substring(0, holder.indexOf('-')));
    }
  }

  private void report(String what, int count) {
    System.out.println("fleet[" + what + "]: " + count + "; instances "
        + fleet.stream().map(FleetInstance::outcomes).toList());
  }

  private List<String> options(String mode, Duration window, int callers, int seconds) {
    return List.of("mode=" + mode, "redis=" + redis.uri(), "api=" + api.baseUri(), "instances=" + INSTANCES,
        "window=" + window.toMillis(), "rate=" + RATE, "guard=" + GUARD, "callers=" + callers, "seconds=" + seconds);
  }
}
