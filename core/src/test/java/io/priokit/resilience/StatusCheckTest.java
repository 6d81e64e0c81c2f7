package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.hang;
import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.spi.TransportResponse;
import io.priokit.system.StatusCheck;
import io.priokit.system.StatusCheck.Result.State;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status check behind the health integrations: an answer reused until it is old, a wait bounded
 * by the timeout, a slow check that serves the next caller, each failure in the details.
 */
class StatusCheckTest extends PipelineFixture {

  private static final Duration REFRESH_AFTER = Duration.ofSeconds(10);

  /** The client's virtual time as a clock, so that answers age as the test says. */
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return time.instant();
    }
  };

  private StatusCheck check(Duration timeout) {
    PriokitClient client = client(builder -> builder.retryPolicy(RetryPolicy.none()));
    return new StatusCheck(client.async(), client.transportName(), timeout, REFRESH_AFTER, clock);
  }

  @Test
  void aSuccessfulCallIsUpWithItsStatusLatencyAttemptsAndTransport() {
    api.then(STATUS, respond(200, "{\"status\":\"OK\"}"));

    StatusCheck.Result result = check(Duration.ofSeconds(5)).current();

    assertThat(result.state()).isEqualTo(State.UP);
    assertThat(result.details()).containsEntry("httpStatus", 200L).containsEntry("attempts", 1L)
        .containsEntry("transport", api.name()).containsKey("latencyMs");
  }

  @Test
  void aFailedCallIsDownWithTheFailuresTypeStatusCodeAndReference() {
    api.then(STATUS, respond(503, "{\"error\":\"SERVICE_UNAVAILABLE\",\"error_description\":\"down\","
        + "\"error_reference\":\"REF-1\"}"));

    StatusCheck.Result result = check(Duration.ofSeconds(5)).current();

    assertThat(result.state()).isEqualTo(State.DOWN);
    assertThat(result.details()).containsEntry("errorType", "ServiceUnavailableException")
        .containsEntry("httpStatus", 503L).containsEntry("errorCode", "SERVICE_UNAVAILABLE")
        .containsEntry("errorReference", "REF-1").containsEntry("attempts", 1L).containsKey("message");
  }

  @Test
  void anAnswerIsReusedUntilItIsOlderThanRefreshAfter() {
    api.then(STATUS, respond(200, "{}"), respond(503, ""));
    StatusCheck check = check(Duration.ofSeconds(5));

    assertThat(check.current().state()).isEqualTo(State.UP);
    time.advance(REFRESH_AFTER.minusSeconds(1));
    assertThat(check.current().state()).isEqualTo(State.UP);
    assertThat(api.requests(STATUS)).hasSize(1);

    time.advance(Duration.ofSeconds(1));
    assertThat(check.current().state()).isEqualTo(State.DOWN);
    assertThat(api.requests(STATUS)).hasSize(2);
  }

  @Test
  void aCheckSlowerThanTheTimeoutAnswersUnknownAtOnceThenServesTheNextCaller() {
    api.then(STATUS, hang());
    StatusCheck check = check(Duration.ofMillis(50));

    long started = System.nanoTime();
    StatusCheck.Result first = check.current();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(first.state()).isEqualTo(State.UNKNOWN);
    assertThat(first.details()).containsEntry("message", "no answer within 50 ms");
    assertThat(check.current().state()).as("still waiting: the same check, not a second").isEqualTo(State.UNKNOWN);
    assertThat(api.requests(STATUS)).hasSize(1);

    api.exchanges().get(0).complete(TransportResponse.of(200, HttpHeaders.of(Map.of(), (name, value) -> true),
        "{}".getBytes(StandardCharsets.UTF_8)));

    assertThat(check.current().state()).isEqualTo(State.UP);
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void aClientThatCannotCallIsDownWithTheReason() {
    PriokitClient client = client();
    StatusCheck check = new StatusCheck(client.async(), client.transportName(), Duration.ofSeconds(5),
        REFRESH_AFTER, clock);
    client.close();

    StatusCheck.Result result = check.current();

    assertThat(result.state()).isEqualTo(State.DOWN);
    assertThat(result.details()).containsEntry("errorType", "TransportException");
  }
}
