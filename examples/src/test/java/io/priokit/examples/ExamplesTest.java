package io.priokit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every example runs against the simulator as it would for a newcomer, and says what it should. */
class ExamplesTest {

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  @Test
  void blockingGuiceExampleInjectsTheClientAndCallsOverTheJdkTransport() throws Exception {
    assertThat(BlockingGuiceExample.run(new String[0], out)).isZero();
    assertThat(printed()).contains("transport: jdk").containsPattern("Prioticket is up \\(200 in \\d+ ms\\)");
  }

  @Test
  void asyncApacheExampleCombinesTwoFutures() throws Exception {
    assertThat(AsyncApacheExample.run(new String[0], out)).isZero();
    assertThat(printed()).contains("transport: apache").containsPattern("ping 200 in \\d+ ms, status 200 in \\d+ ms");
  }

  @Test
  void asyncApacheExampleExitsWithOneWhenTheApiFails() throws Exception {
    try (io.priokit.simulator.PrioticketSimulator api = io.priokit.simulator.PrioticketSimulator.start()
        .scenario(io.priokit.simulator.Scenario.failing(400))) {
      assertThat(AsyncApacheExample.run(new String[] {"--base-uri", api.baseUri().toString()}, out)).isEqualTo(1);
      assertThat(printed()).contains("Prioticket unavailable: 400 Invalid Request");
    }
  }

  @Test
  void vertxVerticleExampleCompletesOnTheEventLoopAndReportsThroughHealthChecks() throws Exception {
    assertThat(VertxVerticleExample.run(new String[0], out)).isZero();
    assertThat(printed()).containsPattern("status 200 in \\d+ ms on vert\\.x-eventloop-thread-\\d+")
        .contains("health check UP", "\"id\":\"prioticket\"", "\"attempts\":1");
  }

  @Test
  void errorHandlingExampleTakesADifferentBranchForEachFailure() throws Exception {
    assertThat(ErrorHandlingExample.run(new String[0], out)).isZero();
    assertThat(printed())
        .containsPattern("healthy: up, \\d+ ms")
        .contains("429: throttled: try again in 30 s")
        .containsPattern("401: credentials rejected: check the client id and secret \\(reference SIM-\\d+\\)")
        .contains("400: our request is wrong, do not retry: INVALID_REQUEST")
        .contains("503: Prioticket is in trouble, retry later: The service is temporarily unavailable.")
        .contains("502: Prioticket is in trouble, retry later");
  }

  @Test
  void customTokenProviderExampleFetchesOneTokenForThreeCalls() throws Exception {
    assertThat(CustomTokenProviderExample.run(new String[0], out)).isZero();
    assertThat(printed()).contains("status 200 with a token from the token service")
        .contains("token service asked 1 time(s) for 3 calls");
  }

  @Test
  void healthStreamExampleSeesTheSimulatorFlap() throws Exception {
    assertThat(HealthStreamExample.run(new String[0], out)).isZero();
    assertThat(printed()).containsSubsequence("UP at", "DOWN at", ": ServiceUnavailableException", "UP at", "DOWN at");
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }
}
