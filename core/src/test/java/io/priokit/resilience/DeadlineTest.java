package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.fail;
import static io.priokit.testkit.ScriptedTransport.hang;
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
  void aRetryAfterThatCannotEndBeforeTheDeadlineEndsTheCallAtOnceWithTheApisError() {
    api.always(STATUS, respond(503, "{\"error\":\"DOWN\",\"error_reference\":\"ref-9\"}", "Retry-After", "60"));

    CompletableFuture<SystemStatus> call =
        time.runUntilDone(client(builder -> builder.deadline(Duration.ofSeconds(5))).async().status());

    assertThat(time.elapsed()).as("no wait begun").isZero();
    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(ServiceUnavailableException.class, error -> {
          assertThat(error.retryAfter()).hasValue(Duration.ofSeconds(60));
          assertThat(error.errorReference()).hasValue("ref-9");
          assertThat(error.attempts()).isEqualTo(1);
        });
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void aWaitThatFitsIsWaitedAndTheNextAttemptSent() {
    api.then(STATUS, respond(503, "", "Retry-After", "4"), respond(200, "{}"));

    CompletableFuture<SystemStatus> call =
        time.runUntilDone(client(builder -> builder.deadline(Duration.ofSeconds(5))).async().status());

    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(4));
    assertThat(call.join().attempts()).isEqualTo(2);
  }


  @Test
  void eachAttemptGetsTheCallTimeoutOrWhatIsLeftOfTheDeadline() {
    api.then(STATUS, respond(503, "", "Retry-After", "4"), hang());
    CompletableFuture<SystemStatus> call =
        client(builder -> builder.deadline(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(7))).async().status();

    time.advance(Duration.ofSeconds(4));
    assertThat(api.exchanges()).hasSize(2);
    time.advance(Duration.ofSeconds(5).plusMillis(999));
    assertThat(api.exchanges().get(1)).as("the second attempt, given 6 s of the deadline").isNotDone();
    time.advance(Duration.ofMillis(1));

    assertThat(api.exchanges().get(1)).isCancelled();
    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(PriokitTimeoutException.class,
            error -> assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.DEADLINE));
  }

  @Test
  void anAttemptWithinTheDeadlineGetsTheWholeCallTimeout() {
    api.then(STATUS, hang(), respond(200, "{}"));
    CompletableFuture<SystemStatus> call =
        client(builder -> builder.deadline(Duration.ofSeconds(60)).callTimeout(Duration.ofSeconds(7))).async().status();

    time.advance(Duration.ofSeconds(7));

    assertThat(api.exchanges().get(0)).isCancelled();
    time.runUntilDone(call);
    assertThat(call.join().attempts()).isEqualTo(2);
  }

  @Test
  void anAttemptCutShortByTheDeadlineTimesOutAsTheDeadline() {
    api.always(STATUS, hang());

    CompletableFuture<SystemStatus> call =
        time.runUntilDone(client(builder -> builder.deadline(Duration.ofSeconds(10))).async().status());

    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(10));
    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(PriokitTimeoutException.class,
            error -> assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.DEADLINE));
  }

  @Test
  void aRequestSentAfterAWaitGetsOnlyWhatIsLeftOfTheDeadline() {
    api.then(STATUS, respond(200, "{}"), hang());
    var client = client(builder -> builder.fairUse(new io.priokit.FairUsePolicy(0, 1)).deadline(Duration.ofSeconds(70)));
    client.status();
    CompletableFuture<SystemStatus> call = client.async().status();

    time.advance(Duration.ofSeconds(60));
    assertThat(api.exchanges()).as("sent once the rate limit gave it a turn").hasSize(2);
    time.advance(Duration.ofSeconds(10));

    assertThat(api.exchanges().get(1)).isCancelled();
    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(PriokitTimeoutException.class,
            error -> assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.DEADLINE));
  }

  @Test
  void aBlockingAttemptIsInterruptedAtItsTimeoutAndTheInterruptTakenBack() throws Exception {
    java.util.concurrent.CountDownLatch sending = new java.util.concurrent.CountDownLatch(1);
    api.then(STATUS, request -> {
      sending.countDown();
      return new CompletableFuture<>();
    }, respond(200, "{}"));
    var client = client(builder -> builder.callTimeout(Duration.ofSeconds(5))
        .retryPolicy(io.priokit.RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO)));
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        SystemStatus status = client.status();
        outcome.complete(Thread.currentThread().isInterrupted() ? new AssertionError("interrupt left set") : status);
      } catch (Throwable failure) {
        outcome.complete(failure);
      }
    });
    caller.start();
    assertThat(sending.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    time.advance(Duration.ofSeconds(5));

    assertThat(outcome).succeedsWithin(Duration.ofSeconds(10)).isInstanceOfSatisfying(SystemStatus.class,
        status -> assertThat(status.attempts()).isEqualTo(2));
  }

  @Test
  void anAbsurdRetryAfterIsCappedAndEndsTheCallAtOnce() {
    api.always(STATUS, respond(503, "", "Retry-After", "10000000000000"));

    CompletableFuture<SystemStatus> call =
        time.runUntilDone(client(builder -> builder.deadline(Duration.ofSeconds(5))).async().status());

    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(ServiceUnavailableException.class,
            error -> assertThat(error.retryAfter()).hasValue(Duration.ofDays(1)));
  }

  @Test
  void anAttemptTimeoutWithinTheDeadlineIsRetried() {
    api.then(STATUS, fail(TransportFailure.Kind.TIMEOUT), respond(200, "{}"));

    SystemStatus status = time.runUntilDone(client().async().status()).join();

    assertThat(status.attempts()).isEqualTo(2);
  }
}
