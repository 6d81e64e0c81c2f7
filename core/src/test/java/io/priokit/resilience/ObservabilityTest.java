package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.respond;
import static io.priokit.testkit.ScriptedTransport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.ClientCredentials;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.observe.AttemptFinished;
import io.priokit.observe.AttemptStarted;
import io.priokit.observe.PriokitListener;
import io.priokit.observe.RetryScheduled;
import io.priokit.observe.TokenRefreshed;
import io.priokit.testkit.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events for metrics, logs for people, and no secret in either. */
class ObservabilityTest extends PipelineFixture {

  private static final String TOKEN_VALUE = "tok-VALUE-0042";

  @Test
  void theListenerSeesTokenAttemptsAndRetriesInOrder() {
    api.then(TOKEN, token(TOKEN_VALUE, 3600)).then(STATUS, respond(503, "", "Retry-After", "1"), respond(200, "{}"));
    List<String> events = new ArrayList<>();
    PriokitListener listener = new PriokitListener() {
      @Override
      public void attemptStarted(AttemptStarted event) {
        events.add("started " + event.path() + " #" + event.attempt());
      }

      @Override
      public void attemptFinished(AttemptFinished event) {
        events.add("finished " + event.path() + " #" + event.attempt() + " " + event.statusCode());
      }

      @Override
      public void retryScheduled(RetryScheduled event) {
        events.add("retry after #" + event.failedAttempt() + " in " + event.delay().toSeconds() + "s: " + event.reason());
      }

      @Override
      public void tokenRefreshed(TokenRefreshed event) {
        events.add("token " + event.scope());
      }
    };

    time.runUntilDone(client(builder -> builder.credentials(ClientCredentials.of("id", SECRET)).listener(listener))
        .async().status()).join();

    assertThat(events).containsExactly(
        "started /oauth2/token #1", "finished /oauth2/token #1 200", "token system",
        "started /system/status #1", "finished /system/status #1 503", "retry after #1 in 1s: 503",
        "started /system/status #2", "finished /system/status #2 200");
  }

  @Test
  void aListenerThatThrowsDoesNotFailTheCall() {
    api.always(STATUS, respond(200, "{}"));
    PriokitListener broken = new PriokitListener() {
      @Override
      public void attemptStarted(AttemptStarted event) {
        throw new IllegalStateException("metrics backend down");
      }
    };

    assertThat(client(builder -> builder.listener(broken)).status().statusCode()).isEqualTo(200);
  }

  @Test
  void eachExchangeIsLoggedAtDebugAndAFinalFailureOnceAtWarn() {
    api.always(STATUS, respond(503, ""));
    try (LogCapture logs = new LogCapture()) {
      assertThatThrownBy(() -> time.runUntilDone(client().async().status()).join())
          .hasCauseInstanceOf(ServiceUnavailableException.class);

      assertThat(logs.linesFrom("io.priokit")).filteredOn(line -> line.contains(" DEBUG ") && line.contains("-> 503"))
          .hasSize(3).allSatisfy(line -> assertThat(line).contains("/system/status", "App-Reference"));
      assertThat(logs.linesFrom("io.priokit")).filteredOn(line -> line.contains(" WARN "))
          .singleElement().satisfies(line -> assertThat(line).contains("503 Service Unavailable", "attempts=3"));
    }
  }

  @Test
  void noCredentialOrTokenIsLoggedAtAnyLevel() {
    String basic = Base64.getEncoder().encodeToString(("client-9:" + SECRET).getBytes(StandardCharsets.UTF_8));
    api.then(TOKEN, token(TOKEN_VALUE, 3600), token(TOKEN_VALUE + "-2", 3600),
            respond(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret " + SECRET + "\"}"))
        .then(STATUS, respond(401, ""), respond(200, "{}"), respond(401, ""), respond(401, ""));
    try (LogCapture logs = new LogCapture()) {
      var client = client(builder -> builder.credentials(ClientCredentials.of("client-9", SECRET)));
      client.status();
      assertThatThrownBy(client::status).isInstanceOf(AuthenticationFailedException.class);

      assertThat(logs.lines()).isNotEmpty().noneSatisfy(line -> assertThat(line)
          .containsAnyOf(SECRET, TOKEN_VALUE, basic));
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("Authorization=<redacted>"));
    }
  }
}
