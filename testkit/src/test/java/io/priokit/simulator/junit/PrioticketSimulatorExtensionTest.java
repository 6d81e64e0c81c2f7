package io.priokit.simulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test as a user writes it: the extension hands out a started simulator per test and stops it after. */
@ExtendWith(PrioticketSimulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrioticketSimulatorExtensionTest {

  private static URI previousTest;

  private final PrioticketSimulator fromConstructor;
  private PrioticketSimulator fromBeforeEach;

  PrioticketSimulatorExtensionTest(PrioticketSimulator api) {
    this.fromConstructor = api;
  }

  @BeforeEach
  void scriptTheApi(PrioticketSimulator api) {
    fromBeforeEach = api.scenario(Scenario.failing(503).withRetryAfter(Duration.ZERO));
  }

  @Test
  @Order(1)
  void aTestGetsAStartedSimulatorSharedWithItsSetUp(PrioticketSimulator api) {
    assertThat(api).isSameAs(fromBeforeEach).isSameAs(fromConstructor);
    try (PriokitClient client = PriokitClient.builder().environment(api.environment()).transport("jdk")
        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2)).build()) {
      assertThatThrownBy(client::status).isInstanceOf(ServiceUnavailableException.class);
    }
    assertThat(api.requests("/system/status")).hasSize(2);
    previousTest = api.baseUri();
  }

  @Test
  @Order(2)
  void theNextTestGetsAFreshOneAndThePreviousIsStopped(PrioticketSimulator api) {
    assertThat(api.baseUri()).isNotEqualTo(previousTest);
    assertThat(api.requests()).isEmpty();
    assertThat(previousSimulatorAnswers()).as("the previous test's simulator is stopped").isFalse();
  }

  /** Whether a simulator still answers at the previous test's port (another server may have it by now). */
  private static boolean previousSimulatorAnswers() {
    try {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          previousTest.resolve("/_simulator/scenario")).build(), HttpResponse.BodyHandlers.ofString());
      return answer.body().startsWith("ping and status");
    } catch (IOException refused) {
      return false;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError(interrupted);
    }
  }
}
