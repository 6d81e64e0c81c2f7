package io.priokit.examples.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The health command as an operator runs it: its output, its JSON and each exit status. */
class HealthCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final PrioticketSimulator api = PrioticketSimulator.start();

  @AfterEach
  void stopSimulator() {
    api.close();
  }

  @Test
  void withNoTargetItChecksASimulatorAndSaysSo() throws Exception {
    int exit = run(Map.of());

    assertThat(exit).isZero();
    assertThat(err()).contains("No target given: checking a local Prioticket simulator at http://127.0.0.1:");
    assertThat(out()).containsPattern("UP +ping +200 in \\d+ ms")
        .containsPattern("UP +status 200 in \\d+ ms .*\\(jdk\\)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "apache", "vertx"})
  void aHealthyCheckPrintsOneJsonObjectPerCheckOnEveryTransport(String transport) throws Exception {
    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--transport", transport, "--json");

    assertThat(exit).isZero();
    List<JsonNode> checks = jsonLines();
    assertThat(checks).extracting(check -> check.get("check").asText()).containsExactly("ping", "status");
    assertThat(checks).allSatisfy(check -> {
      assertThat(check.get("target").asText()).isEqualTo(api.baseUri().toString());
      assertThat(check.get("transport").asText()).isEqualTo(transport);
      assertThat(check.get("healthy").asBoolean()).isTrue();
      assertThat(check.get("latency_ms").isIntegralNumber()).isTrue();
      assertThat(check.get("attempts").asInt()).isEqualTo(1);
      assertThat(check.has("error_type")).isFalse();
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 405, 406, 422, 429, 500, 501, 502, 503, 504})
  void eachErrorFamilyExitsWithOneAndReportsTheError(int status) throws Exception {
    api.scenario(Scenario.failing(status));

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--json", "--timeout", "3s");

    assertThat(exit).isEqualTo(1);
    JsonNode statusCheck = jsonLines().get(1);
    assertThat(statusCheck.get("healthy").asBoolean()).isFalse();
    assertThat(statusCheck.get("http_status").asInt()).isEqualTo(status);
    assertThat(statusCheck.get("error").asText()).isNotBlank();
    assertThat(statusCheck.get("error_reference").asText()).startsWith("SIM-");
    assertThat(statusCheck.get("error_type").asText()).endsWith("Exception");
    assertThat(statusCheck.get("attempts").asInt()).isBetween(1, 3);
  }

  @Test
  void anUndocumentedStatusFromAProxyExitsWithOne() throws Exception {
    api.scenario(Scenario.failing(404));

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--json");

    assertThat(exit).isEqualTo(1);
    assertThat(jsonLines()).allSatisfy(check -> {
      assertThat(check.get("error_type").asText()).isEqualTo("UnexpectedStatusException");
      assertThat(check.get("http_status").asInt()).isEqualTo(404);
      assertThat(check.get("error").isNull()).isTrue();
    });
  }

  @Test
  void anUnreachableTargetExitsWithTwo() throws Exception {
    int exit = run(Map.of(), "--base-uri", "http://127.0.0.1:" + freePort() + "/v3.8/distributor", "--json",
        "--timeout", "2s");

    assertThat(exit).isEqualTo(2);
    assertThat(jsonLines()).allSatisfy(check -> {
      assertThat(check.get("error_type").asText()).isEqualTo("TransportException");
      assertThat(check.get("http_status").isNull()).isTrue();
      assertThat(check.get("attempts").asInt()).isEqualTo(3);
    });
  }

  @Test
  void aTargetSlowerThanTheTimeoutExitsWithTwo() throws Exception {
    api.scenario(Scenario.healthy().withLatency(Duration.ofSeconds(3)));

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--timeout", "500ms");

    assertThat(exit).isEqualTo(2);
    assertThat(out()).contains("DOWN  ping   PriokitTimeoutException");
  }

  @Test
  void credentialsComeFromTheEnvironmentVariables() throws Exception {
    api.credentials("env-client", "env-secret");

    int exit = run(Map.of("PRIOTICKET_CLIENT_ID", "env-client", "PRIOTICKET_CLIENT_SECRET", "env-secret"),
        "--base-uri", api.baseUri().toString());

    assertThat(exit).isZero();
    assertThat(api.requestCount("/oauth2/token")).isEqualTo(1);
  }

  @Test
  void wrongCredentialsAreAnApiErrorThatNeverShowsTheSecret() throws Exception {
    api.credentials("env-client", "env-secret");

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--client-id", "env-client",
        "--client-secret", "not-the-Secret-42");

    assertThat(exit).isEqualTo(1);
    assertThat(out()).contains("DOWN  status AuthenticationFailedException: Token request refused", "invalid_client")
        .doesNotContain("not-the-Secret-42");
  }

  @Test
  void watchPrintsEachChangeOfStateOnlyOnce() throws Exception {
    // Down phases longer than a check's deadline: retries cannot hide them.
    api.scenario(Scenario.flapping(Duration.ofMillis(600)));

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--watch", "100ms", "--count", "20",
        "--timeout", "250ms", "--json");

    assertThat(exit).as("the state of the last round: up, an API error, or timed out").isIn(0, 1, 2);
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSizeLessThan(40).anySatisfy(line -> assertThat(line.get("healthy").asBoolean()).isFalse())
        .anySatisfy(line -> assertThat(line.get("healthy").asBoolean()).isTrue());
    Map<String, String> lastStateOfCheck = new java.util.HashMap<>();
    for (JsonNode line : lines) {
      String state = line.get("healthy").asText() + " " + line.path("error_type").asText() + " "
          + line.path("http_status").asText();
      assertThat(lastStateOfCheck.put(line.get("check").asText(), state))
          .as("a printed line changes its check's state: %s", line).isNotEqualTo(state);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"4s", "500ms", "PT4S", "1m"})
  void timeoutsAreReadInEveryForm(String timeout) throws Exception {
    assertThat(run(Map.of(), "--base-uri", api.baseUri().toString(), "--timeout", timeout)).isZero();
  }

  @Test
  void helpExplainsEveryOptionAndExitStatus() throws Exception {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out()).contains("--env", "--base-uri", "--transport", "--client-id", "--client-secret",
        "--timeout", "--json", "--watch", "--count", "PRIOTICKET_CLIENT_ID", "0   healthy",
        "1   the API answered with an error", "2   the API could not be reached", "64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--transport=jdk", "--transport okhttp", "--timeout soon", "--timeout 0s",
      "--env moon", "--env sandbox --base-uri http://localhost", "--count 3", "--client-id only",
      "--watch", "--base-uri http://example.com/v3.8/distributor"})
  void unusableCommandLinesExitWithSixtyFourAndSayWhy(String arguments) throws Exception {
    assertThat(run(Map.of(), arguments.split(" "))).isEqualTo(64);
    assertThat(err()).isNotBlank();
  }

  private int run(Map<String, String> environment, String... args) throws Exception {
    return HealthCommand.run(args, environment, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private List<JsonNode> jsonLines() {
    return out().lines().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (java.io.IOException notJson) {
        throw new AssertionError("not a JSON line: " + line, notJson);
      }
    }).toList();
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
