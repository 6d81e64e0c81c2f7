package io.priokit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priokit.PriokitClient;
import io.priokit.contract.TestCertificates;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.RecordedRequest;
import io.priokit.simulator.Scenario;
import io.priokit.spring.boot.app.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The client secret, its Basic credential, the tokens and the passwords of the TLS stores and the
 * proxy appear nowhere an application shows: the actuator's health, metrics, configuration properties
 * and environment (showing values, with Spring Boot's sanitizing of likely credentials), and every log
 * line at TRACE.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(NoSecretInActuatorTest.LikelyCredentialsMasked.class)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "management.endpoints.web.exposure.include=health,metrics,configprops,env",
        "management.endpoint.health.show-details=always",
        "management.endpoint.configprops.show-values=always",
        "management.endpoint.env.show-values=always",
        "priokit.tls.key-store.type=PKCS12",
        "priokit.proxy.host=proxy.invalid",
        "priokit.proxy.port=3128",
        "priokit.proxy.username=svc-prio",
        "priokit.proxy.password=" + NoSecretInActuatorTest.PROXY_PASSWORD,
        "priokit.proxy.no-proxy=127.0.0.1",
        "priokit.health.refresh-after=10ms",
        "priokit.retry.max-attempts=2",
        "priokit.retry.initial-backoff=1ms",
        "priokit.client-id=client-5",
        "priokit.client-secret=" + NoSecretInActuatorTest.SECRET,
        "logging.level.io.priokit=TRACE"})
class NoSecretInActuatorTest {

  static final String SECRET = "s3cr3t-Spring-Boot-K4";
  static final String PROXY_PASSWORD = "Px-s3cret-Actuator-31";
  private static final PrioticketSimulator API = PrioticketSimulator.start().credentials("client-5", SECRET);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Value("${local.server.port}")
  private int port;

  @Autowired
  private PriokitClient client;

  @DynamicPropertySource
  static void simulatorAndStores(DynamicPropertyRegistry properties) {
    properties.add("priokit.environment", () -> API.baseUri().toString());
    TestCertificates certificates = TestCertificates.get();
    properties.add("priokit.tls.trust-store.location", () -> certificates.trustStore().toString());
    properties.add("priokit.tls.trust-store.password", () -> TestCertificates.PASSWORD);
    properties.add("priokit.tls.key-store.location", () -> certificates.clientKeyStore().toString());
    properties.add("priokit.tls.key-store.password", () -> TestCertificates.PASSWORD);
  }

  @AfterAll
  static void stop() {
    API.close();
  }

  @Test
  void noSecretOrTokenInHealthMetricsOrLogs(CapturedOutput output) throws Exception {
    List<String> shown = new ArrayList<>();
    shown.add(get("/actuator/health"));
    client.status();
    API.expireTokens();
    shown.add(get("/actuator/health"));
    API.scenario(Scenario.failing(401));
    Thread.sleep(20);
    shown.add(get("/actuator/health"));
    API.scenario(Scenario.failing(503));
    Thread.sleep(20);
    shown.add(get("/actuator/health"));
    JsonNode names = JSON.readTree(get("/actuator/metrics")).path("names");
    for (JsonNode name : names) {
      if (name.asText().startsWith("priokit.")) {
        shown.add(get("/actuator/metrics/" + name.asText()));
      }
    }
    String properties = get("/actuator/configprops");
    shown.add(properties);
    shown.add(get("/actuator/env"));
    shown.add(output.getAll());

    assertThat(properties).as("priokit's values are shown, but for likely credentials")
        .contains("\"prefix\":\"priokit\"", "proxy.invalid", "svc-prio", "******");
    List<String> secrets = new ArrayList<>(tokensSent());
    assertThat(secrets).as("tokens the simulator issued").isNotEmpty();
    secrets.add(SECRET);
    secrets.add(PROXY_PASSWORD);
    secrets.add(TestCertificates.PASSWORD);
    secrets.add(Base64.getEncoder().encodeToString(("client-5:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(String.join("\n", shown)).contains("priokit.calls", "priokit.token.fetches", "prioticket",
        "Authorization=<redacted>", "AuthenticationFailedException")
        .doesNotContain(secrets);
  }

  /** As Spring Boot's documentation suggests for an actuator that shows values. */
  @TestConfiguration(proxyBeanMethods = false)
  static class LikelyCredentialsMasked {

    @Bean
    SanitizingFunction likelyCredentials() {
      return SanitizingFunction.sanitizeValue().ifLikelyCredential();
    }
  }

  private List<String> tokensSent() {
    List<String> tokens = new ArrayList<>();
    for (RecordedRequest request : API.requests("/system/status")) {
      request.header("Authorization").filter(value -> value.startsWith("Bearer "))
          .ifPresent(value -> tokens.add(value.substring("Bearer ".length())));
    }
    return tokens;
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
