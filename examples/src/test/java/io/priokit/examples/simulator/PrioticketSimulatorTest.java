package io.priokit.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.auth.AccessToken;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.error.InvalidRequestException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.error.UnexpectedStatusException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator speaks the API's shapes and checks credentials the way the API does. */
class PrioticketSimulatorTest {

  private final PrioticketSimulator api = start();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void withCredentialsSetStatusNeedsATokenItIssued() {
    api.credentials("sim-client", "sim-secret");
    PriokitClient withForgedToken = client(builder -> builder.tokenProvider(() ->
        CompletableFuture.completedFuture(new AccessToken("Bearer", "forged", Instant.MAX, null))));
    PriokitClient withCredentials = client(builder -> builder.credentials("sim-client", "sim-secret"));

    assertThatThrownBy(withForgedToken::status).isInstanceOfSatisfying(AuthenticationFailedException.class,
        error -> assertThat(error.errorCode()).hasValue("AUTHENTICATION_FAILED"));
    assertThat(withCredentials.status().statusCode()).isEqualTo(200);
    assertThat(api.requests("/oauth2/token")).isEqualTo(1);
  }

  @Test
  void wrongClientCredentialsAreRefusedAtTheTokenEndpoint() {
    api.credentials("sim-client", "sim-secret");

    assertThatThrownBy(() -> client(builder -> builder.credentials("sim-client", "guess")).status())
        .isInstanceOfSatisfying(AuthenticationFailedException.class, error -> {
          assertThat(error.isTokenRequest()).isTrue();
          assertThat(error.errorCode()).hasValue("invalid_client");
        });
  }

  @Test
  void aFailingScenarioAnswersWithTheDocumentedBodyAndRetryAfter() {
    api.scenario(Scenario.failing(503).withRetryAfter(Duration.ofSeconds(7)));

    assertThatThrownBy(() -> client(builder -> { }).status()).isInstanceOfSatisfying(ServiceUnavailableException.class,
        error -> {
          assertThat(error.errorCode()).hasValue("SERVICE_UNAVAILABLE");
          assertThat(error.errorReference()).get().asString().startsWith("SIM-");
          assertThat(error.retryAfter()).hasValue(Duration.ofSeconds(7));
          assertThat(error.errors()).isNotEmpty();
        });
  }

  @Test
  void anUndocumentedStatusComesAsAProxysHtmlPage() {
    api.scenario(Scenario.failing(404));

    assertThatThrownBy(() -> client(builder -> { }).status()).isInstanceOfSatisfying(UnexpectedStatusException.class,
        error -> assertThat(error.bodyExcerpt()).contains("<h1>404</h1>"));
  }

  @Test
  void latencyIsAddedToEveryAnswer() {
    api.scenario(Scenario.healthy().withLatency(Duration.ofMillis(300)));

    assertThat(client(builder -> { }).status().latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void scenariosAreReadFromTheCommandLineForm() {
    assertThat(Scenario.parse("healthy")).isEqualTo(Scenario.healthy());
    assertThat(Scenario.parse("503,retry-after=5s,latency=300ms"))
        .isEqualTo(Scenario.failing(503).withRetryAfter(Duration.ofSeconds(5)).withLatency(Duration.ofMillis(300)));
    assertThat(Scenario.parse("flapping:2s")).isEqualTo(Scenario.flapping(Duration.ofSeconds(2)));
    assertThat(Scenario.parse("400,latency=PT1S").latency()).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> Scenario.parse("200")).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--port", "--port eighty", "--scenario 99", "--scenario 503,retry=5s", "--verbose yes"})
  void anUnusableCommandLinePrintsTheUsageAndExitsWithSixtyFour(String arguments) throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int exit = PrioticketSimulator.serve(arguments.split(" "), new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(64);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("Usage: PrioticketSimulator");
  }

  @Test
  void theTokenEndpointRefusesOtherGrants() throws Exception {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(api.environment().resolve("/oauth2/token"))
            .header("Authorization", "Basic eDp5")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"password\"}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unsupported_grant_type");
  }

  private PriokitClient client(java.util.function.Consumer<PriokitClient.Builder> changes) {
    PriokitClient.Builder builder = PriokitClient.builder().environment(api.environment()).transport("jdk")
        .retryPolicy(RetryPolicy.none());
    changes.accept(builder);
    return builder.build();
  }

  private static PrioticketSimulator start() {
    try {
      return PrioticketSimulator.start();
    } catch (java.io.IOException cannotBind) {
      throw new IllegalStateException(cannotBind);
    }
  }
}
