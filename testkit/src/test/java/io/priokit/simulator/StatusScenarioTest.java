package io.priokit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ApiException;
import io.priokit.error.BadGatewayException;
import io.priokit.error.ForbiddenException;
import io.priokit.error.GatewayTimeoutException;
import io.priokit.error.InternalServerErrorException;
import io.priokit.error.InvalidRequestException;
import io.priokit.error.LimitReachedException;
import io.priokit.error.MethodNotAllowedException;
import io.priokit.error.NotAcceptableException;
import io.priokit.error.NotImplementedException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.error.UnexpectedStatusException;
import io.priokit.error.UnprocessableEntityException;
import io.priokit.error.AuthenticationFailedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each status scenario, as a priokit client meets it: the typed error with the API's error body. */
class StatusScenarioTest {

  private static final Map<Integer, Class<? extends ApiException>> TYPES = Map.ofEntries(
      Map.entry(400, InvalidRequestException.class), Map.entry(401, AuthenticationFailedException.class),
      Map.entry(403, ForbiddenException.class), Map.entry(405, MethodNotAllowedException.class),
      Map.entry(406, NotAcceptableException.class), Map.entry(422, UnprocessableEntityException.class),
      Map.entry(429, LimitReachedException.class), Map.entry(500, InternalServerErrorException.class),
      Map.entry(501, NotImplementedException.class), Map.entry(502, BadGatewayException.class),
      Map.entry(503, ServiceUnavailableException.class), Map.entry(504, GatewayTimeoutException.class));

  private final PrioticketSimulator api = PrioticketSimulator.start();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aHealthySimulatorAnswersPingWithoutABodyAndStatusWithSystemOk() {
    try (PriokitClient client = Clients.against(api)) {
      assertThat(client.ping().statusCode()).isEqualTo(200);
      assertThat(client.ping().body().isEmpty()).isTrue();
      assertThat(client.status().body().string("message")).hasValue("System OK");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 405, 406, 422, 429, 500, 501, 502, 503, 504})
  void everyDocumentedStatusComesWithTheApisErrorBodyAndAReference(int status) {
    api.scenario(Scenario.failing(status));

    try (PriokitClient client = Clients.against(api)) {
      assertThatThrownBy(client::status).isInstanceOfSatisfying(TYPES.get(status), error -> {
        assertThat(error.statusCode()).isEqualTo(status);
        assertThat(error.errorCode()).get().asString().matches("[A-Z_]+");
        assertThat(error.errorReference()).get().asString().matches("SIM-\\d+");
        assertThat(error.errorMessage()).isPresent();
        assertThat(error.errorDescription()).isPresent();
        assertThat(error.errorUri()).get().asString().startsWith("https://");
        assertThat(error.errors()).isNotEmpty();
      });
    }
  }

  @Test
  void eachErrorAnswerHasItsOwnReference() {
    api.scenario(Scenario.failing(500));

    try (PriokitClient client = Clients.against(api)) {
      String first = catchApi(client).errorReference().orElseThrow();
      String second = catchApi(client).errorReference().orElseThrow();
      assertThat(first).isNotEqualTo(second);
    }
  }

  @Test
  void aForbiddenAnswerNamesTheMissingScope() {
    api.scenario(Scenario.failing(403));

    try (PriokitClient client = Clients.against(api)) {
      assertThatThrownBy(client::status).isInstanceOfSatisfying(ForbiddenException.class,
          error -> assertThat(error.scope()).hasValue("system:status"));
    }
  }

  @Test
  void anUndocumentedStatusComesAsAProxysHtmlPage() {
    api.scenario(Scenario.failing(404));

    try (PriokitClient client = Clients.against(api)) {
      assertThatThrownBy(client::status).isInstanceOfSatisfying(UnexpectedStatusException.class, error -> {
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.bodyExcerpt()).contains("<h1>404</h1>");
      });
    }
  }

  @Test
  void retryAfterInSeconds() {
    api.scenario(Scenario.failing(429).withRetryAfter(Duration.ofSeconds(7)));

    try (PriokitClient client = Clients.against(api)) {
      assertThat(catchApi(client).retryAfter()).hasValue(Duration.ofSeconds(7));
    }
    assertThat(api.requests("/system/status").get(0).path()).isEqualTo("/system/status");
  }

  @Test
  void retryAfterAsAnHttpDate() throws Exception {
    api.scenario(Scenario.failing(503).withRetryAfterDate(Duration.ofSeconds(30)));

    HttpResponse<String> raw = get("/system/status");
    assertThat(raw.headers().firstValue("Retry-After")).get().asString()
        .matches("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    try (PriokitClient client = Clients.against(api)) {
      assertThat(catchApi(client).retryAfter()).get()
          .satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(32)));
    }
  }

  @Test
  void timesLimitsAScenarioToTheNextRequestsSoThatARetrySucceeds() {
    api.scenario(Scenario.failing(503).times(2));

    try (PriokitClient client = Clients.against(api, builder -> builder.retryPolicy(
        RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))))) {
      assertThat(client.status().attempts()).isEqualTo(3);
      assertThat(client.status().attempts()).isEqualTo(1);
    }
    assertThat(api.requestCount("/system/status")).isEqualTo(4);
  }

  @Test
  void flappingAlternatesUpAndDownPhases() throws Exception {
    api.scenario(Scenario.flapping(Duration.ofMillis(400)));

    assertThat(get("/system/ping").statusCode()).isEqualTo(200);
    Thread.sleep(500);
    assertThat(get("/system/ping").statusCode()).isEqualTo(503);
    Thread.sleep(400);
    assertThat(get("/system/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void anyFailureCanFlapWithHealth() throws Exception {
    api.scenario(Scenario.failing(400).flappingEvery(Duration.ofMillis(400)));

    assertThat(get("/system/ping").statusCode()).isEqualTo(200);
    Thread.sleep(500);
    assertThat(get("/system/ping").statusCode()).isEqualTo(400);
    Thread.sleep(400);
    assertThat(get("/system/ping").statusCode()).isEqualTo(200);
  }

  @Test
  void latencyDelaysEveryAnswerAndSlowFirstByteIsTheSame() {
    assertThat(Scenario.slowFirstByte(Duration.ofMillis(300))).isEqualTo(Scenario.healthy().withLatency(Duration.ofMillis(300)));
    api.scenario(Scenario.slowFirstByte(Duration.ofMillis(300)));

    try (PriokitClient client = Clients.against(api)) {
      assertThat(client.status().latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void bodiesAreGzippedWhenAskedFor() throws Exception {
    HttpResponse<byte[]> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.environment()
        .resolve("/system/status")).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(raw.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw.body()))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("System OK");
    }
  }

  @Test
  void otherMethodsAndPathsGetTheApisRefusals() throws Exception {
    HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.environment()
        .resolve("/system/status")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unknown = get("/system/nothing");

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.body()).contains("METHOD_NOT_ALLOWED");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("No such endpoint: /system/nothing");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUri() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ApiException catchApi(PriokitClient client) {
    try {
      client.status();
    } catch (ApiException expected) {
      return expected;
    }
    throw new AssertionError("status succeeded");
  }
}
