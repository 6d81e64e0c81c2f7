package io.priokit.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import io.priokit.spring.boot3.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A Spring Boot 3.5 application on a random port: its actuator over HTTP, healthy then 503. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.show-details=always",
        "priokit.health.refresh-after=100ms",
        "priokit.retry.max-attempts=1"})
class Boot3HealthEndpointTest {

  private static final PrioticketSimulator API = PrioticketSimulator.start();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Value("${local.server.port}")
  private int port;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry properties) {
    properties.add("priokit.environment", () -> API.baseUri().toString());
  }

  @AfterAll
  static void stop() {
    API.close();
  }

  @Test
  void theActuatorShowsPrioticketUpThenDownAndPriokitsMeters() throws Exception {
    JsonNode up = await("/actuator/health", health -> health.path("components").path("prioticket").path("status")
        .asText().equals("UP"));
    assertThat(up.path("components").path("prioticket").path("details").path("httpStatus").asInt()).isEqualTo(200);

    API.scenario(Scenario.failing(503));

    JsonNode down = await("/actuator/health", health -> health.path("status").asText().equals("DOWN"));
    JsonNode details = down.path("components").path("prioticket").path("details");
    assertThat(details.path("errorType").asText()).isEqualTo("ServiceUnavailableException");
    assertThat(details.path("httpStatus").asInt()).isEqualTo(503);

    List<String> names = new ArrayList<>();
    get("/actuator/metrics").path("names").forEach(name -> names.add(name.asText()));
    assertThat(names).contains("priokit.calls", "priokit.calls.in.flight")
        .as("priokit's meter handler, not Spring Boot's, times priokit's calls").doesNotContain("priokit.calls.active");
  }

  private JsonNode await(String path, Predicate<JsonNode> wanted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonNode answer;
    do {
      answer = get(path);
      if (wanted.test(answer)) {
        return answer;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(path + " never became as expected; last: " + answer);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }
}
