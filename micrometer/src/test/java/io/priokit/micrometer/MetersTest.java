package io.priokit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ConfigurationException;
import io.priokit.error.InvalidRequestException;
import io.priokit.error.RequestRejectedException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import io.priokit.simulator.junit.PrioticketSimulatorExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** priokit's meters on a meter registry, against the simulator over real HTTP. */
@ExtendWith(PrioticketSimulatorExtension.class)
class MetersTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void callsAreTimedByEndpointOutcomeStatusClassErrorAndTransport(PrioticketSimulator api) {
    try (PriokitClient client = client(api, PriokitMicrometer.of(meters), RetryPolicy.none())) {
      client.status();
      client.status();
      api.scenario(Scenario.failing(503));
      assertThatThrownBy(client::status).isInstanceOf(ServiceUnavailableException.class);
    }

    assertThat(meters.get("priokit.calls").tag("endpoint", "/system/status").tag("method", "GET")
        .tag("transport", "jdk").tag("outcome", "SUCCESS").tag("status.class", "2xx").tag("error", "none")
        .timer().count()).isEqualTo(2);
    assertThat(meters.get("priokit.calls").tag("outcome", "API_ERROR").tag("status.class", "5xx")
        .tag("error", "ServiceUnavailableException").timer().count()).isEqualTo(1);
    assertThat(meters.get("priokit.calls.attempt.failed").counters()).extracting(counter -> counter.count())
        .containsExactly(1.0);
  }

  @Test
  void retriesAreCountedByEndpointAndReason(PrioticketSimulator api) {
    api.scenario(Scenario.failing(503).times(2));
    try (PriokitClient client = client(api, PriokitMicrometer.of(meters),
        RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))) {
      client.status();
    }

    assertThat(meters.get("priokit.retries").tag("endpoint", "/system/status").tag("reason", "503").counter().count())
        .isEqualTo(2);
  }

  @Test
  void tokenFetchesAreCountedByOutcome(PrioticketSimulator api) {
    api.credentials("client-1", "secret-1");
    try (PriokitClient client = PriokitClient.builder().environment(api.environment()).transport("jdk")
        .credentials("client-1", "secret-1").listener(PriokitMicrometer.of(meters)).build()) {
      client.status();
      client.status();
      api.expireTokens();
      client.status();
    }

    assertThat(meters.get("priokit.token.fetches").tag("outcome", "SUCCESS").counter().count()).isEqualTo(2);
  }

  @Test
  void fairUseRefusalsAreCountedByReason(PrioticketSimulator api) {
    api.scenario(Scenario.failing(400));
    try (PriokitClient client = PriokitClient.builder().environment(api.environment()).transport("jdk")
        .retryPolicy(RetryPolicy.none()).fairUse(new FairUsePolicy(1, 0)).listener(PriokitMicrometer.of(meters))
        .build()) {
      assertThatThrownBy(client::status).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(client::status).isInstanceOf(RequestRejectedException.class);
      assertThatThrownBy(client::ping).isInstanceOf(RequestRejectedException.class);
    }

    assertThat(meters.get("priokit.requests.refused").tag("reason", "FAIR_USE_GUARD").counters())
        .extracting(counter -> counter.getId().getTag("endpoint") + "=" + counter.count())
        .containsExactlyInAnyOrder("/system/status=1.0", "/system/ping=1.0");
    assertThat(meters.get("priokit.calls").tag("outcome", "REJECTED").timers()).extracting(timer -> timer.count())
        .containsExactlyInAnyOrder(1L, 1L);
  }

  @Test
  void theGaugeOfCallsInFlightCountsCallsUntilTheyEnd(PrioticketSimulator api) throws Exception {
    api.scenario(Scenario.hang());
    try (PriokitClient client = client(api, PriokitMicrometer.of(meters), RetryPolicy.none())) {
      CompletableFuture<?> first = client.async().status();
      CompletableFuture<?> second = client.async().ping();
      assertThat(meters.get("priokit.calls.in.flight").gauge().value()).isEqualTo(2);

      first.cancel(true);
      second.cancel(true);
      assertThat(meters.get("priokit.calls.in.flight").gauge().value()).isZero();
      assertThat(meters.get("priokit.calls").tag("outcome", "CANCELLED").timers())
          .extracting(timer -> timer.getId().getTag("endpoint") + "=" + timer.count())
          .containsExactlyInAnyOrder("/system/status=1", "/system/ping=1");
    }
  }

  @Test
  void theHealthGaugeFollowsTheWatchedClientAndGoesWithItsWatch(PrioticketSimulator api) throws Exception {
    PriokitMicrometer micrometer = PriokitMicrometer.builder().meterRegistry(meters).tag("client", "bookings").build();
    try (PriokitClient client = client(api, micrometer, RetryPolicy.none())) {
      HealthWatch watch = micrometer.watchHealth(client, Duration.ofMillis(50));
      awaitGauge(1.0);
      assertThat(watch.state()).hasValueSatisfying(state -> assertThat(state.attempts()).isEqualTo(1));

      api.scenario(Scenario.failing(503));
      awaitGauge(0.0);

      watch.close();
      assertThat(meters.find("priokit.health").meters()).isEmpty();
    }
  }

  @Test
  void watchingHealthNeedsAMeterRegistry(PrioticketSimulator api) {
    PriokitMicrometer observationsOnly = PriokitMicrometer.builder()
        .observationRegistry(io.micrometer.observation.ObservationRegistry.create()).build();
    try (PriokitClient client = client(api, observationsOnly, RetryPolicy.none())) {
      assertThatThrownBy(() -> observationsOnly.watchHealth(client, Duration.ofSeconds(1)))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("meterRegistry(");
    }
  }

  @Test
  void aTagOfTheListenerIsOnEveryMeter(PrioticketSimulator api) {
    api.scenario(Scenario.failing(503).times(1));
    PriokitMicrometer micrometer = PriokitMicrometer.builder().meterRegistry(meters).tag("client", "bookings").build();
    try (PriokitClient client = client(api, micrometer,
        RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))) {
      client.status();
    }

    assertThat(meters.getMeters()).extracting(Meter::getId)
        .extracting(id -> id.getName() + " " + id.getTag("client"))
        .contains("priokit.calls bookings", "priokit.calls.in.flight bookings", "priokit.retries bookings",
            "priokit.calls.attempt.failed bookings")
        .allSatisfy(described -> assertThat(described).endsWith(" bookings"));
  }

  @Test
  void onARegistryOfTheApplicationsPriokitsHandlerTimesItsCallsAndMicrometersTheRest(PrioticketSimulator api) {
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
        new PriokitMeterObservationHandler(meters), new DefaultMeterObservationHandler(meters)));
    api.scenario(Scenario.failing(503).times(1));
    try (PriokitClient client = client(api, PriokitMicrometer.builder().observationRegistry(observations)
        .meterRegistry(meters).build(), RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))) {
      client.status();
    }
    Observation.createNotStarted("app.work", observations).observe(() -> { });

    assertThat(meters.get("priokit.calls").tag("outcome", "SUCCESS").tag("error", "none").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("priokit.calls.attempt.failed").counter().count()).isEqualTo(1);
    assertThat(meters.find("priokit.calls.active").meters()).as("no long task timer of priokit's calls").isEmpty();
    assertThat(meters.get("app.work").timer().count()).as("other observations: Micrometer's handler").isEqualTo(1);
    assertThat(meters.get("app.work.active").longTaskTimer()).isNotNull();
  }

  private void awaitGauge(double expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (meters.get("priokit.health").gauge().value() != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("priokit.health stayed " + meters.get("priokit.health").gauge().value()
            + ", not " + expected);
      }
      Thread.sleep(10);
    }
  }

  private static PriokitClient client(PrioticketSimulator api, PriokitMicrometer micrometer, RetryPolicy retries) {
    return PriokitClient.builder().environment(api.environment()).transport("jdk").retryPolicy(retries)
        .listener(micrometer).build();
  }
}
