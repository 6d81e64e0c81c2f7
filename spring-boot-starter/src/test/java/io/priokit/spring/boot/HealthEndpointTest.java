package io.priokit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import io.priokit.spring.boot.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application on a random port, its actuator asked over HTTP while the simulator goes
 * from healthy to 503.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoint.health.show-details=always",
    "priokit.health.refresh-after=100ms",
    "priokit.retry.max-attempts=1"})
class HealthEndpointTest {

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
  void theActuatorShowsPrioticketUpThenDownWithTheDetails() throws Exception {
    JsonNode up = awaitHealth(health -> health.path("components").path("prioticket").path("status").asText()
        .equals("UP"));
    JsonNode upDetails = up.path("components").path("prioticket").path("details");
    assertThat(up.path("status").asText()).isEqualTo("UP");
    assertThat(upDetails.path("httpStatus").asInt()).isEqualTo(200);
    assertThat(upDetails.path("attempts").asInt()).isEqualTo(1);
    assertThat(upDetails.path("transport").asText()).isEqualTo("jdk");
    assertThat(upDetails.has("latencyMs")).isTrue();

    API.scenario(Scenario.failing(503));

    JsonNode down = awaitHealth(health -> health.path("status").asText().equals("DOWN"));
    JsonNode downDetails = down.path("components").path("prioticket").path("details");
    assertThat(down.path("components").path("prioticket").path("status").asText()).isEqualTo("DOWN");
    assertThat(downDetails.path("errorType").asText()).isEqualTo("ServiceUnavailableException");
    assertThat(downDetails.path("httpStatus").asInt()).isEqualTo(503);
    assertThat(downDetails.path("errorCode").asText()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(downDetails.path("errorReference").asText()).startsWith("SIM-");
    assertThat(downDetails.path("attempts").asInt()).isEqualTo(1);
  }

  private JsonNode awaitHealth(Predicate<JsonNode> wanted) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonNode health;
    do {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      health = JSON.readTree(response.body());
      if (wanted.test(health)) {
        return health;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the actuator's health never became as expected; last: " + health);
  }
}
