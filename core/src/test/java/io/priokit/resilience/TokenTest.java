package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.hang;
import static io.priokit.testkit.ScriptedTransport.respond;
import static io.priokit.testkit.ScriptedTransport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.ClientCredentials;
import io.priokit.auth.AccessToken;
import io.priokit.auth.TokenProvider;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.error.DecodingException;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import io.priokit.system.SystemStatus;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The OAuth2 client-credentials flow: one fetch at a time, cached, refreshed, and retried once on 401. */
class TokenTest extends PipelineFixture {

  private static final ClientCredentials CREDENTIALS = ClientCredentials.of("client-7", SECRET, "system");

  @Test
  void aHundredConcurrentCallsOnAColdClientMakeOneTokenRequest() {
    api.then(TOKEN, hang()).always(STATUS, respond(200, "{}"));
    var client = client(builder -> builder.credentials(CREDENTIALS));

    List<CompletableFuture<SystemStatus>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(client.async().status());
    }
    assertThat(api.requests(TOKEN)).hasSize(1);
    api.exchanges().get(0).complete(response(200,
        "{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

    assertThat(calls).allSatisfy(call -> assertThat(call).isCompleted());
    assertThat(api.requests(TOKEN)).hasSize(1);
    assertThat(api.requests(STATUS)).hasSize(100)
        .allSatisfy(request -> assertThat(request.headers()).containsEntry("Authorization", "Bearer t-1"));
  }

  @Test
  void theTokenIsCachedAcrossCallsAndThreads() {
    api.then(TOKEN, token("t-1", 3600)).always(STATUS, respond(200, "{}"));
    var client = client(builder -> builder.credentials(CREDENTIALS));

    client.status();
    client.async().status().join();
    client.status();

    assertThat(api.requests(TOKEN)).hasSize(1);
  }

  @Test
  void anExpiredTokenIsReplacedBeforeTheNextCall() {
    api.then(TOKEN, token("t-1", 3600), token("t-2", 3600)).always(STATUS, respond(200, "{}"));
    var client = client(builder -> builder.credentials(CREDENTIALS));
    client.status();

    time.advance(Duration.ofSeconds(3600));
    client.status();

    assertThat(api.requests(TOKEN)).hasSize(2);
    assertThat(api.requests(STATUS).get(1).headers()).containsEntry("Authorization", "Bearer t-2");
  }

  @Test
  void aTokenNearExpiryIsRefreshedInTheBackgroundWhileCallsGoOnWithIt() {
    api.then(TOKEN, token("t-1", 3600), hang()).always(STATUS, respond(200, "{}"));
    var client = client(builder -> builder.credentials(CREDENTIALS));
    client.status();

    time.advance(Duration.ofSeconds(3600 - 300));
    client.status();

    assertThat(api.requests(TOKEN)).as("refresh started").hasSize(2);
    assertThat(api.requests(STATUS).get(1).headers()).containsEntry("Authorization", "Bearer t-1");
    api.exchanges().get(api.exchanges().size() - 2).complete(response(200,
        "{\"access_token\":\"t-2\",\"expires_in\":3600}"));
    client.status();
    assertThat(api.requests(STATUS).get(2).headers()).containsEntry("Authorization", "Bearer t-2");
    assertThat(api.requests(TOKEN)).hasSize(2);
  }

  @Test
  void a401GetsOneFreshTokenAndOneRetry() {
    api.then(TOKEN, token("t-1", 3600), token("t-2", 3600))
        .then(STATUS, respond(401, "{\"error\":\"TOKEN_EXPIRED\"}"), respond(200, "{}"));

    SystemStatus status = client(builder -> builder.credentials(CREDENTIALS)).status();

    assertThat(status.attempts()).isEqualTo(2);
    assertThat(api.requests(STATUS)).extracting(request -> request.headers().get("Authorization"))
        .containsExactly("Bearer t-1", "Bearer t-2");
  }

  @Test
  void aSecond401InTheSameCallStands() {
    api.then(TOKEN, token("t-1", 3600), token("t-2", 3600), token("t-3", 3600))
        .always(STATUS, respond(401, "{\"error\":\"TOKEN_REVOKED\"}"));

    assertThatThrownBy(() -> client(builder -> builder.credentials(CREDENTIALS)).status())
        .isInstanceOfSatisfying(AuthenticationFailedException.class, error -> {
          assertThat(error.attempts()).isEqualTo(2);
          assertThat(error.isTokenRequest()).isFalse();
          assertThat(error.errorCode()).hasValue("TOKEN_REVOKED");
        });
    assertThat(api.requests(TOKEN)).hasSize(2);
  }

  @Test
  void theTokenEndpointsRefusalIsATypedAuthenticationFailure() {
    api.always(TOKEN, respond(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));

    assertThatThrownBy(() -> client(builder -> builder.credentials(CREDENTIALS)).status())
        .isInstanceOfSatisfying(AuthenticationFailedException.class, error -> {
          assertThat(error.isTokenRequest()).isTrue();
          assertThat(error.errorCode()).hasValue("invalid_client");
          assertThat(error.isRetryable()).isFalse();
          assertThat(error.getMessage()).startsWith("Token request refused: 401")
              .contains("invalid_client", "Client authentication failed").doesNotContain(SECRET);
        });
    assertThat(api.requests(STATUS)).isEmpty();
  }

  @Test
  void aSecretTheServerEchoesIsScrubbedFromTheError() {
    api.then(TOKEN, token("t-1", 3600))
        .always(STATUS, respond(401, "{\"error_description\":\"token t-1 was revoked\"}"))
        .then(TOKEN, respond(401, "{\"error\":\"invalid_client\",\"error_description\":\"secret "
            + SECRET + " is wrong\"}"));

    assertThatThrownBy(() -> client(builder -> builder.credentials(CREDENTIALS)).status())
        .isInstanceOfSatisfying(AuthenticationFailedException.class, error -> {
          assertThat(error.errorDescription()).hasValue("secret **** is wrong");
          assertThat(error.bodyExcerpt()).doesNotContain(SECRET);
          assertThat(error.getMessage()).doesNotContain(SECRET);
        });
  }

  @Test
  void aBadRequestFromTheTokenEndpointIsAnAuthenticationFailureToo() {
    api.always(TOKEN, respond(400, "{\"error\":\"unsupported_grant_type\"}"));

    assertThatThrownBy(() -> client(builder -> builder.credentials(CREDENTIALS)).status())
        .isInstanceOfSatisfying(AuthenticationFailedException.class, error -> {
          assertThat(error.statusCode()).isEqualTo(400);
          assertThat(error.errorCode()).hasValue("unsupported_grant_type");
        });
  }

  @Test
  void theTokenRequestCarriesBasicCredentialsAndTheJsonGrant() {
    api.then(TOKEN, token("t-1", 3600)).always(STATUS, respond(200, "{}"));

    client(builder -> builder.credentials(CREDENTIALS)).status();

    TransportRequest request = api.requests(TOKEN).get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.headers())
        .containsEntry("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("client-7:" + SECRET).getBytes(StandardCharsets.UTF_8)))
        .containsEntry("Content-Type", "application/json")
        .containsKey("App-Reference");
    assertThat(new String(request.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"grant_type\":\"client_credentials\",\"scope\":\"system\"}");
  }

  @Test
  void pingNeedsNoToken() {
    api.always(PING, respond(200, ""));

    client(builder -> builder.credentials(CREDENTIALS)).ping();

    assertThat(api.requests(TOKEN)).isEmpty();
    assertThat(api.requests(PING).get(0).headers()).doesNotContainKey("Authorization");
  }

  @Test
  void aTokenResponseWithoutATokenIsADecodingFailureThatQuotesNothingOfIt() {
    api.always(TOKEN, respond(200, "{\"token\":\"" + SECRET + "\"}"));

    assertThatThrownBy(() -> client(builder -> builder.credentials(CREDENTIALS)).status())
        .isInstanceOfSatisfying(DecodingException.class, error -> {
          assertThat(error.getMessage()).contains("no access_token").doesNotContain(SECRET);
          assertThat(error.bodyExcerpt()).isEmpty();
        });
  }

  @Test
  void aCallersTokenProviderIsUsedAndToldWhichTokenWasRejected() {
    api.then(STATUS, respond(401, ""), respond(200, "{}"));
    List<AccessToken> rejected = new ArrayList<>();
    TokenProvider provider = new TokenProvider() {
      private int issued;

      @Override
      public CompletionStage<AccessToken> token() {
        return CompletableFuture.completedFuture(
            new AccessToken("Bearer", "own-" + ++issued, Instant.MAX, null));
      }

      @Override
      public void invalidate(AccessToken token) {
        rejected.add(token);
      }
    };

    client(builder -> builder.tokenProvider(provider)).status();

    assertThat(rejected).extracting(AccessToken::value).containsExactly("own-1");
    assertThat(api.requests(STATUS)).extracting(request -> request.headers().get("Authorization"))
        .containsExactly("Bearer own-1", "Bearer own-2");
    assertThat(api.requests(TOKEN)).isEmpty();
  }

  @Test
  void aTokenWithALineBreakIsRefusedWithoutQuotingIt() {
    api.always(STATUS, respond(200, "{}"));
    TokenProvider provider = () -> CompletableFuture.completedFuture(
        new AccessToken("Bearer", SECRET + "\n", Instant.MAX, null));

    assertThatThrownBy(() -> client(builder -> builder.tokenProvider(provider)).status())
        .isInstanceOfSatisfying(io.priokit.error.ConfigurationException.class,
            error -> assertThat(error.getMessage()).contains("control character").doesNotContain(SECRET));
    assertThat(api.requests(STATUS)).isEmpty();
  }

  @Test
  void aFailingTokenProviderIsAConfigurationError() {
    TokenProvider provider = () -> CompletableFuture.failedFuture(new IllegalStateException("vault sealed"));

    assertThatThrownBy(() -> client(builder -> builder.tokenProvider(provider)).status())
        .isInstanceOf(io.priokit.error.ConfigurationException.class)
        .hasMessageContaining("token provider failed");
  }

  @Test
  void aTokenEndpointThatKeepsFailingIsTriedNoMoreThanTheAttemptLimit() {
    api.always(TOKEN, respond(503, "")).always(STATUS, respond(200, "{}"));

    assertThatThrownBy(() -> time.runUntilDone(client(builder -> builder.credentials(CREDENTIALS)).async().status()).join())
        .hasCauseInstanceOf(io.priokit.error.ServiceUnavailableException.class);
    assertThat(api.requests(TOKEN)).hasSize(3);
    assertThat(time.elapsed()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aTokenProviderThatNeverAnswersIsHeldToTheDeadline() {
    TokenProvider provider = CompletableFuture::new;

    CompletableFuture<SystemStatus> call = time.runUntilDone(client(builder -> builder.tokenProvider(provider)
        .deadline(Duration.ofSeconds(5))).async().status());

    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(io.priokit.error.PriokitTimeoutException.class,
            error -> assertThat(error.kind()).isEqualTo(io.priokit.error.PriokitTimeoutException.Kind.DEADLINE));
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aFailedBackgroundRefreshIsNotRetriedOnEveryCall() {
    api.then(TOKEN, token("t-1", 3600), respond(401, "{\"error\":\"invalid_client\"}"), token("t-2", 3600))
        .always(STATUS, respond(200, "{}"));
    var client = client(builder -> builder.credentials(CREDENTIALS));
    client.status();
    time.advance(Duration.ofSeconds(3300));

    for (int i = 0; i < 5; i++) {
      client.status();
    }
    assertThat(api.requests(TOKEN)).as("one failed refresh, then the cached token").hasSize(2);

    time.advance(Duration.ofSeconds(31));
    client.status();
    assertThat(api.requests(TOKEN)).hasSize(3);
  }

  @Test
  void anAccessTokenNeverShowsItsValue() {
    assertThat(new AccessToken("Bearer", SECRET, Instant.EPOCH, "system").toString())
        .contains("Bearer", "system").doesNotContain(SECRET);
  }

  private static TransportResponse response(int status, String body) {
    return TransportResponse.of(status, HttpHeaders.of(Map.of(), (n, v) -> true), body.getBytes(StandardCharsets.UTF_8));
  }
}
