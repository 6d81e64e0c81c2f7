package io.priokit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.observe.CallOutcome;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import io.priokit.simulator.junit.PrioticketSimulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One observation per call, against the simulator over real HTTP. */
@ExtendWith(PrioticketSimulatorExtension.class)
class ObservationTest {

  private final TestObservationRegistry registry = TestObservationRegistry.create();

  @Test
  void aCallIsOneObservationNamedAfterItsRequestWithLowCardinalityKeys(PrioticketSimulator api) {
    try (PriokitClient client = client(api, PriokitMicrometer.builder().observationRegistry(registry).build())) {
      String reference = client.status().appReference();

      TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsEqualTo(1)
          .hasObservationWithNameEqualTo("priokit.calls").that()
          .hasContextualNameEqualTo("GET /system/status")
          .hasLowCardinalityKeyValue("endpoint", "/system/status")
          .hasLowCardinalityKeyValue("method", "GET")
          .hasLowCardinalityKeyValue("transport", "jdk")
          .hasLowCardinalityKeyValue("outcome", "SUCCESS")
          .hasLowCardinalityKeyValue("status.class", "2xx")
          .hasHighCardinalityKeyValue("priokit.app_reference", reference)
          .hasHighCardinalityKeyValue("http.response.status_code", "200")
          .hasHighCardinalityKeyValue("priokit.attempts", "1")
          .doesNotHaveError()
          .hasBeenStarted().hasBeenStopped();
      TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
          .doesNotHaveLowCardinalityKeyValueWithKey("priokit.app_reference");
    }
  }

  @Test
  void eachFailedAttemptIsAnEventAndAFailedCallRecordsItsError(PrioticketSimulator api) {
    api.scenario(Scenario.failing(503));
    List<String> events = new CopyOnWriteArrayList<>();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onEvent(Observation.Event event, Observation.Context context) {
        events.add(event.getName() + " " + event.getContextualName());
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    PriokitMicrometer micrometer = PriokitMicrometer.builder().observationRegistry(registry).build();
    try (PriokitClient client = PriokitClient.builder().environment(api.environment()).transport("jdk")
        .listener(micrometer)
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).build()) {

      assertThatThrownBy(client::status).isInstanceOf(ServiceUnavailableException.class);

      TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
          .hasLowCardinalityKeyValue("outcome", CallOutcome.API_ERROR.name())
          .hasLowCardinalityKeyValue("status.class", "5xx")
          .hasHighCardinalityKeyValue("priokit.attempts", "3")
          .hasError().assertThatError().isInstanceOf(ServiceUnavailableException.class);
      assertThat(events).hasSize(3)
          .allSatisfy(event -> assertThat(event).matches("attempt\\.failed attempt [123] failed: 503 in \\d+ ms"));
    }
  }

  @Test
  void aCallWithoutAResponseHasNoStatusClass(PrioticketSimulator api) {
    api.scenario(Scenario.hang());
    try (PriokitClient client = PriokitClient.builder().environment(api.environment()).transport("jdk")
        .listener(PriokitMicrometer.builder().observationRegistry(registry).build())
        .retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofMillis(200)).build()) {

      assertThatThrownBy(client::status).isInstanceOf(io.priokit.error.PriokitTimeoutException.class);

      TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
          .hasLowCardinalityKeyValue("outcome", "TIMEOUT")
          .hasLowCardinalityKeyValue("status.class", "none")
          .hasHighCardinalityKeyValue("http.response.status_code", "none");
    }
  }

  static PriokitClient client(PrioticketSimulator api, PriokitMicrometer micrometer) {
    return PriokitClient.builder().environment(api.environment()).transport("jdk").listener(micrometer).build();
  }
}
