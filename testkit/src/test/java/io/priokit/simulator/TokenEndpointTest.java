package io.priokit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.PriokitClient;
import io.priokit.auth.AccessToken;
import io.priokit.error.AuthenticationFailedException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token endpoint checks credentials as the API does, and tokens expire. */
class TokenEndpointTest {

  private final PrioticketSimulator api = PrioticketSimulator.start().credentials("sim-client", "sim-secret");

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void statusNeedsATokenTheSimulatorIssued() {
    try (PriokitClient forged = Clients.against(api, builder -> builder.tokenProvider(() ->
            CompletableFuture.completedFuture(new AccessToken("Bearer", "forged", Instant.MAX, null))));
        PriokitClient real = Clients.against(api, builder -> builder.credentials("sim-client", "sim-secret"))) {
      assertThatThrownBy(forged::status).isInstanceOfSatisfying(AuthenticationFailedException.class,
          error -> assertThat(error.errorCode()).hasValue("AUTHENTICATION_FAILED"));
      assertThat(real.status().statusCode()).isEqualTo(200);
    }
    assertThat(api.requestCount("/oauth2/token")).isEqualTo(1);
    assertThat(api.requests("/oauth2/token").get(0).body()).contains("\"grant_type\":\"client_credentials\"");
  }

  @Test
  void wrongClientCredentialsAreRefusedWithInvalidClient() {
    try (PriokitClient client = Clients.against(api, builder -> builder.credentials("sim-client", "guess"))) {
      assertThatThrownBy(client::status).isInstanceOfSatisfying(AuthenticationFailedException.class, error -> {
        assertThat(error.isTokenRequest()).isTrue();
        assertThat(error.errorCode()).hasValue("invalid_client");
        assertThat(error.getMessage()).doesNotContain("guess");
      });
    }
  }

  @Test
  void otherGrantsAndNonJsonBodiesAreRefused() throws Exception {
    assertThat(postToken("{\"grant_type\":\"password\"}").body()).contains("unsupported_grant_type");
    HttpResponse<String> notJson = postToken("grant_type=client_credentials");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("invalid_request");
  }

  @Test
  void theTokenCarriesTheLifetimeAndTheScopeAskedFor() throws Exception {
    api.tokenLifetime(Duration.ofMinutes(5));

    String body = postToken("{\"grant_type\":\"client_credentials\",\"scope\":\"system:status\"}").body();

    assertThat(body).contains("\"token_type\":\"Bearer\"", "\"expires_in\":300", "\"scope\":\"system:status\"");
  }

  @Test
  void aTokenPastItsLifetimeIsRefused() throws Exception {
    api.tokenLifetime(Duration.ofSeconds(1));
    String token = postToken("{\"grant_type\":\"client_credentials\"}").body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

    assertThat(getStatus(token).statusCode()).isEqualTo(200);
    Thread.sleep(1100);
    assertThat(getStatus(token).statusCode()).isEqualTo(401);
  }

  @Test
  void expiredTokensMakeTheClientFetchAFreshOneAndRetryOnce() {
    try (PriokitClient client = Clients.against(api, builder -> builder.credentials("sim-client", "sim-secret"))) {
      client.status();
      api.expireTokens();

      assertThat(client.status().statusCode()).isEqualTo(200);
    }
    assertThat(api.requestCount("/oauth2/token")).isEqualTo(2);
    assertThat(api.requestCount("/system/status")).isEqualTo(3);
  }

  private HttpResponse<String> postToken(String body) throws Exception {
    String basic = Base64.getEncoder().encodeToString("sim-client:sim-secret".getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.environment().resolve("/oauth2/token"))
        .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> getStatus(String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.environment().resolve("/system/status"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }
}
