package io.priokit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.InvalidRequestException;
import io.priokit.error.ServiceUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the client sent, as the simulator recorded it: headers, count and timing. */
class RecordingTest {

  private final PrioticketSimulator api = PrioticketSimulator.start();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void eachRequestIsRecordedWithItsHeadersInArrivalOrder() {
    Instant before = Instant.now();
    try (PriokitClient client = Clients.against(api, builder -> builder.appName("recording-test")
        .credentials("id", "secret-that-must-not-print"))) {
      client.ping();
      client.status();
    }

    List<RecordedRequest> requests = api.requests();
    assertThat(requests).extracting(RecordedRequest::path)
        .containsExactly("/system/ping", "/oauth2/token", "/system/status");
    assertThat(requests).extracting(RecordedRequest::sequence).containsExactly(1, 2, 3);
    RecordedRequest status = requests.get(2);
    assertThat(status.method()).isEqualTo("GET");
    assertThat(status.header("app-name")).hasValue("recording-test");
    assertThat(status.header("App-Reference")).get().asString().isNotBlank();
    assertThat(status.header("Authorization")).get().asString().startsWith("Bearer sim-");
    assertThat(status.receivedAt()).isAfterOrEqualTo(before.minusMillis(1));
    assertThat(requests.get(1).toString()).contains("authorization: Basic <redacted>")
        .doesNotContain(requests.get(1).header("Authorization").orElseThrow().substring(6));
  }

  @Test
  void theTimingShowsTheWaitARetryAfterAskedFor() {
    api.scenario(Scenario.failing(503).withRetryAfter(Duration.ofSeconds(1)));

    try (PriokitClient client = Clients.against(api, builder -> builder.retryPolicy(
        RetryPolicy.defaults().withMaxAttempts(2)))) {
      assertThatThrownBy(client::status).isInstanceOf(ServiceUnavailableException.class);
    }

    List<RecordedRequest> status = api.requests("/system/status");
    assertThat(status).hasSize(2);
    assertThat(status.get(1).sinceStart().minus(status.get(0).sinceStart())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(status.get(0).header("App-Reference")).isEqualTo(status.get(1).header("App-Reference"));
  }

  @Test
  void countsGoOnPastTheRecordedRequests() {
    assertThat(api.requestCount("/system/ping")).isZero();
    try (PriokitClient client = Clients.against(api)) {
      for (int i = 0; i < 5; i++) {
        client.ping();
      }
    }
    assertThat(api.requestCount("/system/ping")).isEqualTo(5);
    assertThat(api.requests("/system/ping")).hasSize(5);
    assertThat(api.requests("/system/status")).isEmpty();
  }

  @Test
  void theBusiestSpanCountsWhatTheApisFairUseLimitsCount() throws Exception {
    try (PriokitClient client = Clients.against(api)) {
      for (int i = 0; i < 3; i++) {
        client.ping();
      }
      Thread.sleep(600);
      api.scenario(Scenario.failing(400));
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(client::ping).isInstanceOf(InvalidRequestException.class);
      }
    }

    assertThat(api.mostRequestsWithin(Duration.ofMillis(500))).as("the three pings, then the two 400s").isEqualTo(3);
    assertThat(api.mostRequestsWithin(Duration.ofSeconds(10))).isEqualTo(5);
    assertThat(api.mostClientErrorsWithin(Duration.ofSeconds(10))).as("only the 4xx answers").isEqualTo(2);
  }
}
