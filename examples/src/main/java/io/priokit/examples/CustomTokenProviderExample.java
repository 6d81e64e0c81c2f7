package io.priokit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priokit.PriokitClient;
import io.priokit.auth.AccessToken;
import io.priokit.auth.TokenProvider;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bringing your own tokens: a {@link TokenProvider} standing for a company token service (here it
 * fetches from the simulator's token endpoint with credentials the priokit client never sees). The
 * provider caches its token, and drops it when priokit reports a 401.
 */
public final class CustomTokenProviderExample {

  private CustomTokenProviderExample() {}

  /** A token service client: caches one token and fetches again when it expires or is rejected. */
  static final class TokenServiceProvider implements TokenProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI tokenUri;
    private final String basicCredentials;
    private final AtomicReference<CompletableFuture<AccessToken>> cached = new AtomicReference<>();
    final AtomicInteger fetched = new AtomicInteger();

    TokenServiceProvider(URI tokenUri, String clientId, String clientSecret) {
      this.tokenUri = tokenUri;
      this.basicCredentials = "Basic " + Base64.getEncoder().encodeToString(
          (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<AccessToken> token() {
      CompletableFuture<AccessToken> current = cached.get();
      if (current != null && !current.isCompletedExceptionally()
          && (!current.isDone() || current.join().expiresAt().isAfter(Instant.now().plusSeconds(60)))) {
        return current;
      }
      CompletableFuture<AccessToken> fresh = fetch();
      return cached.compareAndSet(current, fresh) ? fresh : cached.get();
    }

    @Override
    public void invalidate(AccessToken rejected) {
      CompletableFuture<AccessToken> current = cached.get();
      if (current != null && current.isDone() && !current.isCompletedExceptionally() && current.join().equals(rejected)) {
        cached.compareAndSet(current, null);
      }
    }

    private CompletableFuture<AccessToken> fetch() {
      fetched.incrementAndGet();
      HttpRequest request = HttpRequest.newBuilder(tokenUri)
          .header("Authorization", basicCredentials)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}"))
          .build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
        try {
          JsonNode body = JSON.readTree(response.body());
          return new AccessToken(body.path("token_type").asText("Bearer"), body.path("access_token").asText(),
              Instant.now().plusSeconds(body.path("expires_in").asLong(3600)), body.path("scope").asText(null));
        } catch (java.io.IOException unreadable) {
          throw new IllegalStateException("token service answered " + response.statusCode(), unreadable);
        }
      });
    }
  }

  /** @param args none: this example uses the simulator, which checks the tokens it issued */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    try (Target target = Target.from(new String[0], out)) {
      target.simulator().credentials("token-service", "token-service-secret");
      TokenServiceProvider tokens = new TokenServiceProvider(
          target.environment().resolve("/oauth2/token"), "token-service", "token-service-secret");
      try (PriokitClient client = PriokitClient.builder()
          .environment(target.environment())
          .transport("jdk")
          .tokenProvider(tokens)
          .build()) {
        for (int i = 1; i <= 3; i++) {
          out.println("status " + client.status().statusCode() + " with a token from the token service");
        }
        out.println("token service asked " + tokens.fetched.get() + " time(s) for 3 calls");
      }
      return 0;
    }
  }
}
