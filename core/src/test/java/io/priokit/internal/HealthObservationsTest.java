package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.error.ApiException;
import io.priokit.error.ConfigurationException;
import io.priokit.error.DecodingException;
import io.priokit.error.ErrorBody;
import io.priokit.error.ErrorResponse;
import io.priokit.error.FailureContext;
import io.priokit.error.ForbiddenException;
import io.priokit.error.PriokitException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.RequestRejectedException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.error.TransportException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a fleet's health poller publishes reads back as the same observation, every failure with its type. */
class HealthObservationsTest {

  private static final Instant AT = Instant.parse("2026-11-28T10:00:00.123Z");
  private static final FailureContext CONTEXT =
      new FailureContext("GET https://api.example/v3.8/distributor/system/status", "ref-9", 3, true);

  private final HealthObservations observations = new HealthObservations();

  @Test
  void aSuccessReadsBackWithItsLatencyAndAttempts() {
    HealthObservations.Observation read = observations.read(observations.success(AT, Duration.ofMillis(42), 2))
        .orElseThrow();

    assertThat(read).isEqualTo(new HealthObservations.Observation(AT, Duration.ofMillis(42), 2, null));
  }

  @Test
  void anApiErrorReadsBackAsItsTypeWithEveryFieldOfItsBody() {
    ErrorBody body = new ErrorBody("UNAVAILABLE", "ref-503", "Try later", "Maintenance", "https://help/503",
        List.of("one", "two"), null);
    ApiException sent = ApiException.from(new ErrorResponse(503, HttpHeaders.of(Map.of(), (n, v) -> true), body,
        "{\"error\":\"UNAVAILABLE\"}", Duration.ofSeconds(7)), CONTEXT);

    PriokitException read = failureOf(sent);

    assertThat(read).isInstanceOfSatisfying(ServiceUnavailableException.class, failure -> {
      assertThat(failure.statusCode()).isEqualTo(503);
      assertThat(failure.response().body()).isEqualTo(body);
      assertThat(failure.bodyExcerpt()).isEqualTo("{\"error\":\"UNAVAILABLE\"}");
      assertThat(failure.retryAfter()).hasValue(Duration.ofSeconds(7));
      assertThat(failure.context()).isEqualTo(CONTEXT);
      assertThat(failure.getMessage()).isEqualTo(sent.getMessage());
    });
  }

  @Test
  void aForbiddenKeepsItsScope() {
    ErrorBody body = new ErrorBody("FORBIDDEN", null, null, null, null, List.of(), "system:status");
    ApiException sent = ApiException.from(new ErrorResponse(403, HttpHeaders.of(Map.of(), (n, v) -> true), body, "",
        null), CONTEXT);

    assertThat(failureOf(sent)).isInstanceOfSatisfying(ForbiddenException.class,
        failure -> assertThat(failure.scope()).hasValue("system:status"));
  }

  @Test
  void failuresWithoutAResponseReadBackAsTheirTypesAndKinds() {
    assertThat(failureOf(new TransportException(TransportException.Reason.CONNECT_FAILED, "refused", null, CONTEXT)))
        .isInstanceOfSatisfying(TransportException.class, failure -> {
          assertThat(failure.reason()).isEqualTo(TransportException.Reason.CONNECT_FAILED);
          assertThat(failure.attempts()).isEqualTo(3);
          assertThat(failure.getMessage()).contains("Could not connect", "health poller");
        });
    assertThat(failureOf(new PriokitTimeoutException(PriokitTimeoutException.Kind.ATTEMPT, Duration.ofSeconds(5), null,
        CONTEXT))).isInstanceOfSatisfying(PriokitTimeoutException.class, failure -> {
          assertThat(failure.kind()).isEqualTo(PriokitTimeoutException.Kind.ATTEMPT);
          assertThat(failure.timeout()).isEqualTo(Duration.ofSeconds(5));
        });
    assertThat(failureOf(new DecodingException("not JSON", 200, "<html>", null, CONTEXT)))
        .isInstanceOfSatisfying(DecodingException.class, failure -> {
          assertThat(failure.statusCode()).isEqualTo(200);
          assertThat(failure.bodyExcerpt()).isEqualTo("<html>");
        });
    assertThat(failureOf(new RequestRejectedException(RequestRejectedException.Reason.FAIR_USE_GUARD, 50,
        Duration.ofSeconds(12), CONTEXT))).isInstanceOfSatisfying(RequestRejectedException.class, failure -> {
          assertThat(failure.reason()).isEqualTo(RequestRejectedException.Reason.FAIR_USE_GUARD);
          assertThat(failure.limit()).isEqualTo(50);
          assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        });
    assertThat(failureOf(new ConfigurationException("Fix this.")))
        .isInstanceOfSatisfying(ConfigurationException.class, failure -> assertThat(failure).hasMessage("Fix this."));
  }

  @Test
  void textThatIsNoObservationReadsAsNothing() {
    assertThat(observations.read("not json")).isEmpty();
    assertThat(observations.read("{\"at\":1}")).isEmpty();
    assertThat(observations.read("{\"at\":1,\"attempts\":1,\"type\":\"TransportException\",\"kind\":\"NONSENSE\"}"))
        .isEmpty();
  }

  private PriokitException failureOf(PriokitException sent) {
    HealthObservations.Observation read = observations.read(observations.failure(AT, sent)).orElseThrow();
    assertThat(read.at()).isEqualTo(AT);
    assertThat(read.latency()).isNull();
    return read.failure();
  }
}
