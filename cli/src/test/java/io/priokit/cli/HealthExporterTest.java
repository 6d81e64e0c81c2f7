package io.priokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priokit.PriokitClient;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exporter mode in-process: metrics that parse and say what happened, probes, and the page's data. */
class HealthExporterTest {

  private static final Map<String, String> STATUS = Map.of("check", "status", "transport", "jdk");

  private final HttpClient http = HttpClient.newHttpClient();
  private final PrioticketSimulator api = PrioticketSimulator.start();
  private final HealthExporter exporter = start();

  @AfterEach
  void stop() {
    exporter.close();
    api.close();
  }

  @Test
  void metricsParseAndCountAHealthyApi() throws Exception {
    awaitReadiness(200);
    await(() -> PrometheusText.parse(get("/metrics").body()).value("priokit_checks_total", STATUS) >= 2);

    HttpResponse<String> response = get("/metrics");
    PrometheusText metrics = PrometheusText.parse(response.body());

    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.value("priokit_up", STATUS)).isEqualTo(1);
    assertThat(metrics.value("priokit_up", Map.of("check", "ping", "transport", "jdk"))).isEqualTo(1);
    assertThat(metrics.value("priokit_last_http_status", STATUS)).isEqualTo(200);
    assertThat(metrics.value("priokit_health_state", Map.of("state", "UP"))).isEqualTo(1);
    assertThat(metrics.value("priokit_health_state", Map.of("state", "DOWN"))).isZero();
    double checks = metrics.value("priokit_checks_total", STATUS);
    assertThat(metrics.value("priokit_check_attempts_total", STATUS)).isEqualTo(checks);
    assertThat(metrics.type("priokit_check_latency_seconds")).isEqualTo("histogram");
    assertThat(metrics.value("priokit_check_latency_seconds_count", STATUS)).isEqualTo(checks);
    assertThat(metrics.value("priokit_check_latency_seconds_sum", STATUS)).isPositive();
    assertThat(metrics.samples("priokit_check_errors_total")).isEmpty();
    assertThat(metrics.value("priokit_health_info", Map.of("target", api.baseUri().toString(), "transport", "jdk",
        "version", "test"))).isEqualTo(1);
  }

  @Test
  void aFailingApiTurnsReadinessOffAndIsCountedByErrorType() throws Exception {
    awaitReadiness(200);
    api.scenario(Scenario.failing(503));

    awaitReadiness(503);
    PrometheusText metrics = PrometheusText.parse(get("/metrics").body());

    assertThat(get("/readyz").body()).startsWith("DOWN: ping failed: ServiceUnavailableException 503");
    assertThat(metrics.value("priokit_up", STATUS)).isZero();
    assertThat(metrics.value("priokit_last_http_status", STATUS)).isEqualTo(503);
    assertThat(metrics.value("priokit_health_state", Map.of("state", "DOWN"))).isEqualTo(1);
    assertThat(metrics.value("priokit_check_errors_total", Map.of("check", "status", "transport", "jdk",
        "type", "ServiceUnavailableException"))).isPositive();
    assertThat(get("/healthz").statusCode()).as("the exporter itself is alive").isEqualTo(200);

    api.scenario(Scenario.healthy());
    awaitReadiness(200);
  }

  @Test
  void aDegradedApiIsStillReady() throws Exception {
    api.scenario(Scenario.failing(503).times(1));

    awaitReadiness(200);

    await(() -> PrometheusText.parse(get("/metrics").body()).value("priokit_check_attempts_total",
        Map.of("check", "ping", "transport", "jdk")) >= 2);
    assertThat(get("/status.json").body()).contains("\"health\":");
  }

  @Test
  void theStatusDataCarriesTheStateTheChecksAndTheHistory() throws Exception {
    awaitReadiness(200);
    await(() -> new ObjectMapper().readTree(get("/status.json").body()).get("history").size() >= 2);

    JsonNode status = new ObjectMapper().readTree(get("/status.json").body());

    assertThat(status.get("health").asText()).isEqualTo("UP");
    assertThat(status.get("target").asText()).isEqualTo(api.baseUri().toString());
    assertThat(status.get("checks")).hasSize(2);
    assertThat(status.get("history").get(0).get("ping").isIntegralNumber()).isTrue();
    assertThat(status.get("history").get(0).get("t").asLong()).isLessThanOrEqualTo(status.get("now").asLong());
  }

  @Test
  void thePageNamesTheStateWithoutScriptAndFetchesNothingFromElsewhere() throws Exception {
    awaitReadiness(200);

    HttpResponse<String> page = get("/");

    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<div id=\"banner\" class=\"UP\">", "<div id=\"state\">UP</div>",
        "fetch(\"status.json\"").doesNotContain("src=", "<link", "url(", "@import");
    assertThat(page.body().replace("http://www.w3.org/2000/svg", "").replace(api.baseUri().toString(), ""))
        .as("no address but the SVG namespace and the checked API").doesNotContain("http:", "https:");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/metrics"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  private HealthExporter start() {
    try {
      PriokitClient client = PriokitClient.builder().environment(api.environment()).transport("jdk").build();
      return HealthExporter.start(client, api.baseUri(), Duration.ofMillis(100), Duration.ofSeconds(2),
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "test");
    } catch (java.io.IOException cannotBind) {
      throw new IllegalStateException(cannotBind);
    }
  }

  private void awaitReadiness(int status) throws Exception {
    await(() -> get("/readyz").statusCode() == status);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + exporter.address().getPort() + path);
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(Condition condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
