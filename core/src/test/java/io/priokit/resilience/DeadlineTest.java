package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.fail;
import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.spi.TransportFailure;
import io.priokit.system.SystemStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The overall deadline across attempts, in virtual time. */
class DeadlineTest extends PipelineFixture {

  @Test
  void theDeadlineEndsTheCallInTheMiddleOfAWaitWithTheLastFailureAsCause() {
    api.always(STATUS, respond(503, "{\"error\":\"DOWN\"}", "Retry-After", "60"));

    CompletableFuture<SystemStatus> call =
        time.runUntilDone(client(builder -> builder.deadline(Duration.ofSeconds(5))).async().status());

    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(5));
    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(PriokitTimeoutException.class, error -> {
          assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.DEADLINE);
          assertThat(error.timeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(error.attempts()).isEqualTo(1);
          assertThat(error.getCause()).isInstanceOf(ServiceUnavailableException.class);
          assertThat(error.getMessage()).contains("Deadline passed", "5s", "attempts=1");
        });
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void eachAttemptGetsTheCallTimeoutOrWhatIsLeftOfTheDeadline() {
    api.then(STATUS, respond(503, "", "Retry-After", "4"), respond(200, "{}"));

    time.runUntilDone(client(builder -> builder.deadline(Duration.ofSeconds(10))).async().status()).join();

    assertThat(api.requests(STATUS)).extracting(request -> request.timeout())
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(6));
  }

  @Test
  void anAttemptCutShortByTheDeadlineTimesOutAsTheDeadline() {
    api.always(STATUS, fail(TransportFailure.Kind.TIMEOUT));

    CompletableFuture<SystemStatus> call =
        time.runUntilDone(client(builder -> builder.deadline(Duration.ofSeconds(10))).async().status());

    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(PriokitTimeoutException.class,
            error -> assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.DEADLINE));
  }

  @Test
  void aRequestSentAfterAWaitGetsOnlyWhatIsLeftOfTheDeadline() {
    api.always(STATUS, respond(200, "{}"));
    var client = client(builder -> builder.fairUse(new io.priokit.FairUsePolicy(0, 1)).deadline(Duration.ofSeconds(70)));
    client.status();

    time.runUntilDone(client.async().status()).join();

    assertThat(api.requests(STATUS).get(1).timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anAbsurdRetryAfterIsCappedAndEndsAtTheDeadline() {
    api.always(STATUS, respond(503, "", "Retry-After", "10000000000000"));

    CompletableFuture<SystemStatus> call =
        time.runUntilDone(client(builder -> builder.deadline(Duration.ofSeconds(5))).async().status());

    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(PriokitTimeoutException.class,
            error -> assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.DEADLINE));
  }

  @Test
  void anAttemptTimeoutWithinTheDeadlineIsRetried() {
    api.then(STATUS, fail(TransportFailure.Kind.TIMEOUT), respond(200, "{}"));

    SystemStatus status = time.runUntilDone(client().async().status()).join();

    assertThat(status.attempts()).isEqualTo(2);
  }
}
