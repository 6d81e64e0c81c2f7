package io.priokit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priokit.simulator.PrioticketSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application as it is, but for where the API is and the credentials its environment
 * variables would give: Prioticket in its health, priokit's meters in its metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrioticketStatusApplicationTest {

  private static final PrioticketSimulator API = PrioticketSimulator.start().credentials("sample", "sample-secret");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Value("${local.server.port}")
  private int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry properties) {
    properties.add("priokit.environment", () -> API.baseUri().toString());
    properties.add("PRIOTICKET_CLIENT_ID", () -> "sample");
    properties.add("PRIOTICKET_CLIENT_SECRET", () -> "sample-secret");
  }

  @AfterAll
  static void stop() {
    API.close();
  }

  @Test
  void prioticketIsInTheHealthAndPriokitsMetersInTheMetrics() throws Exception {
    JsonNode health = get("/actuator/health");
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode prioticket = health.path("components").path("prioticket");
    assertThat(prioticket.path("status").asText()).isEqualTo("UP");
    assertThat(prioticket.path("details").path("httpStatus").asInt()).isEqualTo(200);
    assertThat(API.requests("/system/status")).singleElement().satisfies(request -> {
      assertThat(request.header("Authorization")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer "));
      assertThat(request.header("App-Name")).hasValue("prioticket-status-sample");
    });

    List<String> names = new ArrayList<>();
    get("/actuator/metrics").path("names").forEach(name -> names.add(name.asText()));
    assertThat(names).contains("priokit.calls", "priokit.calls.in.flight", "priokit.token.fetches")
        .as("priokit's meter handler, not Spring Boot's, times priokit's calls: no long task timer")
        .contains("http.server.requests.active").doesNotContain("priokit.calls.active");

    JsonNode calls = get("/actuator/metrics/priokit.calls");
    assertThat(calls.path("measurements").get(0).path("statistic").asText()).isEqualTo("COUNT");
    assertThat(calls.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
    List<String> tags = new ArrayList<>();
    calls.path("availableTags").forEach(tag -> tags.add(tag.path("tag").asText() + "=" + tag.path("values")));
    assertThat(tags).contains("endpoint=[\"/system/status\"]", "outcome=[\"SUCCESS\"]", "transport=[\"jdk\"]");
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
