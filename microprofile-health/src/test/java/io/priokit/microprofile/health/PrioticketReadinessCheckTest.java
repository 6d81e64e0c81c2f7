package io.priokit.microprofile.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.PriokitClient;
import io.priokit.error.ConfigurationException;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import io.priokit.simulator.junit.PrioticketSimulatorExtension;
import io.priokit.system.StatusCheck;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The check and its configuration on SmallRye Config, the MicroProfile Config of Quarkus and
 * Open Liberty, against the simulator; the CDI wiring is tested in a Quarkus application
 * ({@code fixtures/quarkus-app}).
 */
@ExtendWith(PrioticketSimulatorExtension.class)
class PrioticketReadinessCheckTest {

  @Test
  void theCheckIsUpWithTheLatencyAndAttemptsThenDownWithTheFailure(PrioticketSimulator api) throws Exception {
    PriokitConfig config = config(Map.of("priokit.environment", api.baseUri().toString(),
        "priokit.retry.max-attempts", "1", "priokit.health.refresh-after", "10ms"));
    try (PriokitClient client = config.clientBuilder().build()) {
      PrioticketReadinessCheck check = new PrioticketReadinessCheck(
          new StatusCheck(client.async(), client.transportName(), config.healthTimeout(),
              config.healthRefreshAfter(), Clock.systemUTC()));

      HealthCheckResponse up = check.call();
      assertThat(up.getName()).isEqualTo("prioticket");
      assertThat(up.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
      assertThat(up.getData()).hasValueSatisfying(data -> assertThat(data)
          .containsEntry("httpStatus", 200L).containsEntry("attempts", 1L).containsEntry("transport", "jdk")
          .containsKey("latencyMs"));

      api.scenario(Scenario.failing(503));
      Thread.sleep(20);
      HealthCheckResponse down = check.call();
      assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
      assertThat(down.getData()).hasValueSatisfying(data -> assertThat(data)
          .containsEntry("errorType", "ServiceUnavailableException").containsEntry("httpStatus", 503L)
          .containsEntry("errorCode", "SERVICE_UNAVAILABLE").containsEntry("attempts", 1L));
    }
  }

  @Test
  void aCheckThatCannotAnswerInTimeIsDownWithoutKeepingTheProbeWaiting(PrioticketSimulator api) {
    api.scenario(Scenario.hang());
    PriokitConfig config = config(Map.of("priokit.environment", api.baseUri().toString(),
        "priokit.health.timeout", "200ms", "priokit.call-timeout", "5s"));
    try (PriokitClient client = config.clientBuilder().build()) {
      PrioticketReadinessCheck check = new PrioticketReadinessCheck(
          new StatusCheck(client.async(), client.transportName(), config.healthTimeout(),
              config.healthRefreshAfter(), Clock.systemUTC()));

      long started = System.nanoTime();
      HealthCheckResponse response = check.call();

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
      assertThat(response.getData()).hasValueSatisfying(data ->
          assertThat(data.get("message")).isEqualTo("no answer within 200 ms"));
    }
  }

  @Test
  void credentialsComeFromThePropertiesOrTheHealthCommandsVariables(PrioticketSimulator api) {
    api.credentials("client-3", "secret-3");
    for (Map<String, String> properties : java.util.List.of(
        Map.of("priokit.environment", api.baseUri().toString(), "priokit.client-id", "client-3",
            "priokit.client-secret", "secret-3", "priokit.scope", "system"),
        Map.of("priokit.environment", api.baseUri().toString(), "PRIOTICKET_CLIENT_ID", "client-3",
            "PRIOTICKET_CLIENT_SECRET", "secret-3"))) {
      try (PriokitClient client = config(properties).clientBuilder().build()) {
        assertThat(client.status().statusCode()).isEqualTo(200);
      }
    }
    assertThat(api.requests("/oauth2/token")).hasSize(2).first()
        .satisfies(token -> assertThat(token.body()).contains("\"scope\":\"system\""));
  }

  @Test
  void theClientPropertiesReachTheBuilder(PrioticketSimulator api) {
    PriokitConfig config = config(Map.of("priokit.environment", api.baseUri().toString(), "priokit.transport", "jdk",
        "priokit.app-name", "bookings", "priokit.connect-timeout", "PT3S", "priokit.deadline", "1m",
        "priokit.allow-plaintext", "true"));
    try (PriokitClient client = config.clientBuilder().build()) {
      client.ping();
      assertThat(client.transportName()).isEqualTo("jdk");
    }
    assertThat(api.requests("/system/ping")).singleElement()
        .satisfies(request -> assertThat(request.header("App-Name")).hasValue("bookings"));
  }

  @Test
  void aMissingOrHalfConfigurationSaysWhatToSet() {
    assertThatThrownBy(() -> config(Map.of()).clientBuilder()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("set priokit.environment");
    assertThatThrownBy(() -> config(Map.of("priokit.environment", "sandbox", "priokit.client-id", "x")).clientBuilder())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("priokit.client-secret");
    assertThatThrownBy(() -> config(Map.of("priokit.environment", "sandbox", "priokit.call-timeout", "soon"))
        .clientBuilder()).isInstanceOf(ConfigurationException.class).hasMessageContaining("priokit.call-timeout");
  }

  @Test
  void durationsReadAsShortFormsOrIso() {
    assertThat(PriokitConfig.parseDuration("d", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(PriokitConfig.parseDuration("d", "2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(PriokitConfig.parseDuration("d", "1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(PriokitConfig.parseDuration("d", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(PriokitConfig.parseDuration("d", "PT0.25S")).isEqualTo(Duration.ofMillis(250));
  }

  private static PriokitConfig config(Map<String, String> properties) {
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    return new PriokitConfig(config);
  }
}
