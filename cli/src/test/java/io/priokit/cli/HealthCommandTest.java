package io.priokit.cli;

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
import java.time.Instant;
import java.util.HashMap;
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
  void withNoTargetItRefusesAndSaysWhatToGive() {
    int exit = run(Map.of());

    assertThat(exit).isEqualTo(64);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("no target: give --env NAME, --base-uri URI, or --simulator");
  }

  @Test
  void withSimulatorItChecksAnEmbeddedSimulatorAndSaysSo() {
    int exit = run(Map.of(), "--simulator");

    assertThat(exit).isZero();
    assertThat(err()).contains("Checking the embedded Prioticket simulator at http://127.0.0.1:", "_simulator/scenario");
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
      assertThat(check.has("time")).as("a single check carries no time").isFalse();
    });
  }

  /** The API documents no content type for a 200: "System OK" as plain text is a healthy answer. */
  @ParameterizedTest
  @ValueSource(strings = {"jdk", "apache", "vertx"})
  void anApiThatAnswersPlainTextOrNothingIsUpOnEveryTransport(String transport) throws Exception {
    com.sun.net.httpserver.HttpServer plain = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    plain.createContext("/v3.8/distributor/system/", exchange -> {
      byte[] body = exchange.getRequestURI().getPath().endsWith("/status")
          ? "System OK".getBytes(StandardCharsets.UTF_8) : new byte[0];
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    plain.start();
    try {
      int exit = run(Map.of(), "--base-uri", "http://127.0.0.1:" + plain.getAddress().getPort()
          + "/v3.8/distributor", "--transport", transport, "--json");

      assertThat(exit).isZero();
      assertThat(jsonLines()).hasSize(2).allSatisfy(check -> assertThat(check.get("healthy").asBoolean()).isTrue());
    } finally {
      plain.stop(0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 405, 406, 422, 429, 500, 501, 502, 503, 504})
  void eachErrorFamilyExitsWithOneAndReportsTheError(int status) throws Exception {
    api.scenario(Scenario.failing(status));

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--json", "--timeout", "10s");

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

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "apache", "vertx"})
  void aRefusedConnectionExitsWithTwoAndReadsTheSameOnEveryTransport(String transport) throws Exception {
    int port = freePort();
    int exit = run(Map.of(), "--base-uri", "http://127.0.0.1:" + port + "/v3.8/distributor", "--json",
        "--timeout", "3s", "--transport", transport);

    assertThat(exit).isEqualTo(2);
    assertThat(jsonLines()).allSatisfy(check -> {
      assertThat(check.get("error_type").asText()).isEqualTo("TransportException");
      assertThat(check.get("http_status").isNull()).isTrue();
      assertThat(check.get("attempts").asInt()).isEqualTo(3);
      assertThat(check.get("message").asText()).isEqualTo("Could not connect: connection refused by 127.0.0.1:" + port
          + " on GET http://127.0.0.1:" + port + "/v3.8/distributor/system/" + check.get("check").asText()
          + " (attempts=3)");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "apache", "vertx"})
  void anUnknownHostReadsTheSameOnEveryTransport(String transport) throws Exception {
    // .invalid never resolves (RFC 6761); plaintext to a host other than loopback needs --allow-plaintext.
    int exit = run(Map.of(), "--base-uri", "http://priokit-test.invalid/v3.8/distributor", "--allow-plaintext",
        "--json", "--timeout", "5s", "--transport", transport);

    assertThat(exit).isEqualTo(2);
    assertThat(jsonLines()).allSatisfy(check -> assertThat(check.get("message").asText())
        .isEqualTo("Could not connect: unknown host priokit-test.invalid on GET http://priokit-test.invalid"
            + "/v3.8/distributor/system/" + check.get("check").asText() + " (attempts=3)"));
  }

  @Test
  void plaintextToAnotherHostIsRefusedWithoutAllowPlaintext() {
    int exit = run(Map.of(), "--base-uri", "http://priokit-test.invalid/v3.8/distributor");

    assertThat(exit).isEqualTo(64);
    assertThat(err()).contains("priokit-health: ").containsIgnoringCase("plaintext");
  }

  @Test
  void aTargetSlowerThanTheTimeoutExitsWithTwo() {
    api.scenario(Scenario.slowFirstByte(Duration.ofSeconds(3)));

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--timeout", "500ms");

    assertThat(exit).isEqualTo(2);
    assertThat(out()).contains("DOWN  ping   PriokitTimeoutException");
  }

  @Test
  void theTimeoutBoundsBothChecksTogetherNotEachOfThem() throws Exception {
    // Each check alone fits in the timeout; both together do not.
    api.scenario(Scenario.healthy().withLatency(Duration.ofMillis(700)));

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--timeout", "1s", "--json");

    assertThat(exit).isEqualTo(2);
    List<JsonNode> checks = jsonLines();
    assertThat(checks.get(0).get("healthy").asBoolean()).isTrue();
    assertThat(checks.get(1).get("error_type").asText()).isEqualTo("PriokitTimeoutException");
    assertThat(checks.get(1).get("message").asText()).startsWith("Deadline passed: no success within 1s on GET " + api.baseUri() + "/system/status");
  }

  @Test
  void credentialsComeFromTheEnvironmentVariables() {
    api.credentials("env-client", "env-secret");

    int exit = run(Map.of("PRIOTICKET_CLIENT_ID", "env-client", "PRIOTICKET_CLIENT_SECRET", "env-secret"),
        "--base-uri", api.baseUri().toString());

    assertThat(exit).isZero();
    assertThat(api.requestCount("/oauth2/token")).isEqualTo(1);
  }

  @Test
  void wrongCredentialsAreAnApiErrorThatNeverShowsTheSecret() {
    api.credentials("env-client", "env-secret");

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--client-id", "env-client",
        "--client-secret", "not-the-Secret-42");

    assertThat(exit).isEqualTo(1);
    assertThat(out()).contains("DOWN  status AuthenticationFailedException: Token request refused", "invalid_client")
        .doesNotContain("not-the-Secret-42");
    assertThat(err()).doesNotContain("not-the-Secret-42");
  }

  @Test
  void watchPrintsEachChangeOfStateOnlyOnceWithItsTime() throws Exception {
    // Down phases longer than a round's budget: retries cannot hide them.
    api.scenario(Scenario.flapping(Duration.ofMillis(600)));
    Instant before = Instant.now();

    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--watch", "100ms", "--count", "20",
        "--timeout", "250ms", "--json");

    assertThat(exit).as("the state of the last round: up, an API error, or timed out").isIn(0, 1, 2);
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSizeLessThan(40).anySatisfy(line -> assertThat(line.get("healthy").asBoolean()).isFalse())
        .anySatisfy(line -> assertThat(line.get("healthy").asBoolean()).isTrue());
    Map<String, String> lastStateOfCheck = new HashMap<>();
    for (JsonNode line : lines) {
      assertThat(Instant.parse(line.get("time").asText())).isBetween(before, Instant.now());
      String state = line.get("healthy").asText() + " " + line.path("error_type").asText() + " "
          + line.path("http_status").asText();
      assertThat(lastStateOfCheck.put(line.get("check").asText(), state))
          .as("a printed line changes its check's state: %s", line).isNotEqualTo(state);
    }
  }

  @Test
  void watchLinesInTextStartWithTheirTime() {
    int exit = run(Map.of(), "--base-uri", api.baseUri().toString(), "--watch", "100ms", "--count", "2");

    assertThat(exit).isZero();
    assertThat(out().lines().toList()).hasSize(2).allSatisfy(line -> {
      assertThat(line).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z  UP .*");
      assertThat(Instant.parse(line.substring(0, line.indexOf(' ')))).isBefore(Instant.now());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"4s", "500ms", "PT4S", "1m"})
  void timeoutsAreReadInEveryForm(String timeout) {
    assertThat(run(Map.of(), "--base-uri", api.baseUri().toString(), "--timeout", timeout)).isZero();
  }

  @Test
  void helpExplainsEveryOptionAndExitStatus() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out()).contains("Usage: priokit-health", "--env", "--base-uri", "--simulator", "--transport",
        "--client-id", "--client-secret", "--timeout", "--json", "--watch", "--count", "--allow-plaintext",
        "PRIOTICKET_CLIENT_ID", "PRIOTICKET_CLIENT_SECRET", "healthy", "the API answered with an error",
        "the API could not be reached", "64");
  }

  @Test
  void versionSaysWhichBuild() {
    assertThat(run(Map.of(), "--version")).isZero();
    assertThat(out()).startsWith("priokit-health 0.1.0");
  }

  @Test
  void anUnknownOptionIsCalledThatAndTheNearestOnesAreSuggested() {
    assertThat(run(Map.of(), "--simulator", "--jsn")).isEqualTo(64);
    assertThat(err()).contains("priokit-health: unknown option --jsn; did you mean --json?", "Try priokit-health --help.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--client-secrt s3cr3t-Value", "--client-secrt=s3cr3t-Value", "s3cr3t-Value"})
  void aMistypedSecretIsNeverRepeatedBack(String arguments) {
    assertThat(run(Map.of(), ("--simulator " + arguments).split(" "))).isEqualTo(64);
    assertThat(err()).startsWith("priokit-health: ").doesNotContain("s3cr3t-Value");
    assertThat(out()).doesNotContain("s3cr3t-Value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--transport okhttp", "--timeout soon", "--timeout 0s", "--timeout 5",
      "--env moon", "--env sandbox --base-uri http://localhost", "--simulator --count 3", "--simulator --client-id only",
      "--simulator --watch", "--simulator --watch 1s --count 0", "--simulator extra"})
  void unusableCommandLinesExitWithSixtyFourAndSayWhy(String arguments) {
    assertThat(run(Map.of(), arguments.split(" "))).isEqualTo(64);
    assertThat(err()).startsWith("priokit-health: ");
    assertThat(out()).isEmpty();
  }

  private int run(Map<String, String> environment, String... args) {
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
