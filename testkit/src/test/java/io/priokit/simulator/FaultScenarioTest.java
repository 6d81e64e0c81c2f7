package io.priokit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.PriokitClient;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.TransportException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each connection fault, as a priokit client meets it. */
class FaultScenarioTest {

  private final PrioticketSimulator api = PrioticketSimulator.start();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void resetEndsTheConnectionWithoutAResponse() {
    api.scenario(Scenario.reset());

    try (PriokitClient client = Clients.against(api)) {
      assertThatThrownBy(client::status).isInstanceOfSatisfying(TransportException.class,
          error -> assertThat(error.reason()).isEqualTo(TransportException.Reason.CONNECTION_CLOSED));
    }
    // The JDK's HttpClient sends a GET again, unseen by its caller, when the connection resets before
    // any byte of a response: the recording shows what priokit's retry policy cannot.
    assertThat(api.requestCount("/system/status")).isEqualTo(2);
  }

  @Test
  void hangNeverAnswersSoTheCallTimeoutEndsTheCall() {
    api.scenario(Scenario.hang());

    try (PriokitClient client = Clients.against(api, builder -> builder.callTimeout(Duration.ofMillis(300)))) {
      assertThatThrownBy(client::status).isInstanceOfSatisfying(PriokitTimeoutException.class,
          error -> assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.ATTEMPT));
      api.scenario(Scenario.healthy());
      assertThat(client.status().statusCode()).as("the simulator serves on after a hang").isEqualTo(200);
    }
  }

  @Test
  void aHungRequestEndsWhenTheSimulatorStops() throws Exception {
    api.scenario(Scenario.hang());
    PriokitClient client = Clients.against(api, builder -> builder.callTimeout(Duration.ofSeconds(30)));
    CompletableFuture<?> call = client.async().status();
    awaitRequests("/system/status", 1);

    api.close();

    assertThat(call).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(TransportException.class);
    client.close();
  }

  @Test
  void truncatedAnnouncesTheWholeBodyAndClosesHalfwayThrough() {
    api.scenario(Scenario.truncated());

    try (PriokitClient client = Clients.against(api)) {
      assertThatThrownBy(client::status).isInstanceOfSatisfying(TransportException.class,
          error -> assertThat(error.reason()).isEqualTo(TransportException.Reason.CONNECTION_CLOSED));
      assertThatThrownBy(client::ping).as("ping too has a body to cut").isInstanceOf(TransportException.class);
    }
  }

  @Test
  void dripSendsTheBodyOneByteAtATimeAndCompletes() {
    api.scenario(Scenario.drip(Duration.ofMillis(5)));

    try (PriokitClient client = Clients.against(api)) {
      var status = client.status();
      assertThat(status.body().string("message")).hasValue("System OK");
      // The body is some 55 bytes, each after 5 ms.
      assertThat(status.latency()).isGreaterThan(Duration.ofMillis(200));
    }
  }

  @Test
  void aDripSlowerThanTheCallTimeoutIsCutByIt() {
    api.scenario(Scenario.drip(Duration.ofMillis(100)));

    try (PriokitClient client = Clients.against(api, builder -> builder.callTimeout(Duration.ofMillis(500)))) {
      assertThatThrownBy(client::status).isInstanceOfSatisfying(PriokitTimeoutException.class,
          error -> assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.ATTEMPT));
    }
  }

  @Test
  void faultsAfterTheirTimesLeaveAHealthyApi() {
    api.scenario(Scenario.reset().times(2));

    try (PriokitClient client = Clients.against(api)) {
      assertThatThrownBy(client::status).isInstanceOf(TransportException.class);
      assertThat(client.status().statusCode()).isEqualTo(200);
    }
  }

  private void awaitRequests(String path, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (api.requestCount(path) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no request to " + path + " within 5 s");
      }
      Thread.sleep(10);
    }
  }
}
