package io.priokit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Switching scenarios over HTTP, and the simulator as its own process. */
class ControlEndpointTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final PrioticketSimulator api = PrioticketSimulator.start();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aPutSwitchesTheScenarioAndAnswersItInWords() throws Exception {
    HttpResponse<String> put = send(HttpRequest.newBuilder(api.scenarioControlUri())
        .PUT(HttpRequest.BodyPublishers.ofString("502,times=1")));

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.body()).isEqualTo(Scenario.failing(502).times(1) + "\n");
    assertThat(api.scenario()).isEqualTo(Scenario.failing(502).times(1));
    assertThat(get(api.baseUri() + "/system/status").statusCode()).isEqualTo(502);
    assertThat(get(api.baseUri() + "/system/status").statusCode()).isEqualTo(200);
    assertThat(get(api.scenarioControlUri().toString()).body()).contains("502 BAD_GATEWAY");
  }

  @Test
  void anUnreadableScenarioIsRefusedAndTheOldOneStays() throws Exception {
    HttpResponse<String> put = send(HttpRequest.newBuilder(api.scenarioControlUri())
        .PUT(HttpRequest.BodyPublishers.ofString("sick")));

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("unknown scenario sick");
    assertThat(api.scenario()).isEqualTo(Scenario.healthy());
  }

  @Test
  void controlRequestsAreNotRecordedButListTheRecordedOnes() throws Exception {
    get(api.baseUri() + "/system/ping");

    HttpResponse<String> requests = get(api.scenarioControlUri().resolve("requests").toString());

    assertThat(requests.body()).startsWith("#1 GET /system/ping");
    assertThat(api.requests()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--port", "--port eighty", "--scenario 99", "--scenario 503,retry=5s", "--verbose yes",
      "--client-id only"})
  void anUnusableCommandLinePrintsTheUsageAndExitsWithSixtyFour(String arguments) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = SimulatorCommand.run(arguments.split(" "), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(64);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: PrioticketSimulator");
  }

  @Test
  void asItsOwnProcessItSaysItsScenarioAndSwitchesWhenTold() throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PrioticketSimulator.class.getName(),
        "--port", "0", "--scenario", "503,retry-after=5s").redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String address = out.readLine();
      String howToSwitch = out.readLine();
      String first = out.readLine();
      assertThat(address).startsWith("Prioticket simulator at http://127.0.0.1:").endsWith("/v3.8/distributor");
      URI base = URI.create(address.substring("Prioticket simulator at ".length()));
      assertThat(howToSwitch).contains("curl -X PUT --data", base.resolve("/_simulator/scenario").toString());
      assertThat(first).isEqualTo("Scenario: " + Scenario.failing(503).withRetryAfter(java.time.Duration.ofSeconds(5)));
      assertThat(get(base + "/system/ping").statusCode()).isEqualTo(503);

      send(HttpRequest.newBuilder(base.resolve("/_simulator/scenario")).PUT(HttpRequest.BodyPublishers.ofString("healthy")));

      assertThat(out.readLine()).isEqualTo("Scenario: ping and status answer 200 OK");
      assertThat(get(base + "/system/ping").statusCode()).isEqualTo(200);
    } finally {
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private HttpResponse<String> get(String uri) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(uri)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
