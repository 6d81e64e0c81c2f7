package io.priokit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scenarios in their command-line form and in words. */
class ScenarioTest {

  @Test
  void everyScenarioHasACommandLineForm() {
    assertThat(Scenario.parse("healthy")).isEqualTo(Scenario.healthy());
    assertThat(Scenario.parse("503,retry-after=5s,latency=300ms,times=2")).isEqualTo(Scenario.failing(503)
        .withRetryAfter(Duration.ofSeconds(5)).withLatency(Duration.ofMillis(300)).times(2));
    assertThat(Scenario.parse("429,retry-after-date=1m"))
        .isEqualTo(Scenario.failing(429).withRetryAfterDate(Duration.ofMinutes(1)));
    assertThat(Scenario.parse("flapping:2s")).isEqualTo(Scenario.flapping(Duration.ofSeconds(2)));
    assertThat(Scenario.parse("reset")).isEqualTo(Scenario.reset());
    assertThat(Scenario.parse("hang")).isEqualTo(Scenario.hang());
    assertThat(Scenario.parse("truncated")).isEqualTo(Scenario.truncated());
    assertThat(Scenario.parse("drip:100ms")).isEqualTo(Scenario.drip(Duration.ofMillis(100)));
    assertThat(Scenario.parse("slow-first-byte:PT2S")).isEqualTo(Scenario.slowFirstByte(Duration.ofSeconds(2)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"200", "99", "sick", "503,retry=5s", "503,latency", "drip:fast", "flapping:0s",
      "503,times=0", "503,retry-after=5"})
  void anUnreadableScenarioSaysWhatIsWrong(String text) {
    assertThatThrownBy(() -> Scenario.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageFindingMatch(".+");
  }

  @Test
  void scenariosSayWhatTheyDoInWords() {
    assertThat(Scenario.healthy()).hasToString("ping and status answer 200 OK");
    assertThat(Scenario.failing(503).withRetryAfter(Duration.ofSeconds(5)).times(2)).hasToString(
        "ping and status answer 503 SERVICE_UNAVAILABLE with the API's JSON error body and Retry-After: 5 (seconds),"
            + " for the next 2 requests; 200 OK after that");
    assertThat(Scenario.failing(418)).hasToString("ping and status answer 418 with a proxy's HTML page");
    assertThat(Scenario.flapping(Duration.ofSeconds(2))).hasToString("ping and status flap: 200 OK for 2 s, then 503"
        + " SERVICE_UNAVAILABLE with the API's JSON error body for 2 s, and so on");
    assertThat(Scenario.reset()).hasToString("ping and status reset the connection without answering");
    assertThat(Scenario.hang()).hasToString("ping and status never answer");
    assertThat(Scenario.truncated()).hasToString("ping and status close the connection halfway through the body");
    assertThat(Scenario.drip(Duration.ofMillis(100)))
        .hasToString("ping and status answer 200 with the body sent one byte every 100 ms");
    assertThat(Scenario.slowFirstByte(Duration.ofSeconds(2)))
        .hasToString("ping and status answer 200 OK, after 2 s of silence");
    assertThat(Scenario.failing(429).withRetryAfterDate(Duration.ofSeconds(30))).hasToString(
        "ping and status answer 429 TOO_MANY_REQUESTS with the API's JSON error body and Retry-After as the HTTP-date"
            + " 30 s ahead");
  }

  @Test
  void theSimulatorSaysItsAddressAndScenario() {
    try (PrioticketSimulator api = PrioticketSimulator.start()) {
      api.scenario(Scenario.hang());
      assertThat(api.toString()).isEqualTo("Prioticket simulator at " + api.baseUri() + ": ping and status never answer");
      assertThat(api.scenario()).isEqualTo(Scenario.hang());
    }
  }
}
