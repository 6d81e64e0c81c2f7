package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.fail;
import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.RetryPolicy;
import io.priokit.error.ApiException;
import io.priokit.error.InternalServerErrorException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.error.TransportException;
import io.priokit.spi.TransportFailure;
import io.priokit.system.SystemStatus;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries in virtual time: what is retried, how often, and how long the client waits between. */
class RetryTest extends PipelineFixture {

  @Test
  void serviceUnavailableIsRetriedUntilItSucceeds() {
    api.then(STATUS, respond(503, ""), respond(503, ""), respond(200, "{}"));

    SystemStatus status = time.runUntilDone(client().async().status()).join();

    assertThat(status.attempts()).isEqualTo(3);
    assertThat(api.requests(STATUS)).hasSize(3);
  }

  @Test
  void waitsStayWithinTheCappedExponentialBackoff() {
    api.then(STATUS, respond(502, ""), respond(504, ""), respond(200, "{}"));

    time.runUntilDone(client().async().status()).join();

    assertThat(time.elapsed()).isLessThan(Duration.ofMillis(200 + 400));
  }

  @Test
  void retryAfterInSecondsIsWaitedExactly() {
    api.then(STATUS, respond(429, "", "Retry-After", "7"), respond(200, "{}"));

    SystemStatus status = time.runUntilDone(client().async().status()).join();

    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(7));
    assertThat(status.attempts()).isEqualTo(2);
  }

  @Test
  void retryAfterAsAnHttpDateIsWaitedUntilThatTime() {
    String in30Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.instant().plusSeconds(30).atZone(ZoneOffset.UTC));
    api.then(STATUS, respond(503, "", "Retry-After", in30Seconds), respond(200, "{}"));

    time.runUntilDone(client().async().status()).join();

    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void afterTheLastAttemptTheErrorSaysHowManyWereMade() {
    api.always(STATUS, respond(503, "{\"error\":\"DOWN\"}"));

    CompletableFuture<SystemStatus> call = time.runUntilDone(client().async().status());

    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(ServiceUnavailableException.class, error -> {
          assertThat(error.attempts()).isEqualTo(3);
          assertThat(error.getMessage()).contains("attempts=3");
        });
    assertThat(api.requests(STATUS)).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 406, 422, 501})
  void statusesThatARepeatCannotFixAreNotRetried(int status) {
    api.always(STATUS, respond(status, ""));

    assertThatThrownBy(() -> time.runUntilDone(client().async().status()).join())
        .hasCauseInstanceOf(ApiException.class);
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void internalServerErrorIsRetriedOnlyWhenConfigured() {
    api.always(STATUS, respond(500, ""));

    assertThatThrownBy(() -> time.runUntilDone(client().async().status()).join())
        .hasCauseInstanceOf(InternalServerErrorException.class);
    assertThat(api.requests(STATUS)).hasSize(1);

    assertThatThrownBy(() -> time.runUntilDone(client(builder -> builder.retryPolicy(
        RetryPolicy.defaults().withRetryInternalServerError(true))).async().status()).join())
        .hasCauseInstanceOf(InternalServerErrorException.class);
    assertThat(api.requests(STATUS)).hasSize(1 + 3);
  }

  @Test
  void connectionFailuresAreRetried() {
    api.then(STATUS, fail(TransportFailure.Kind.CONNECT_FAILED), fail(TransportFailure.Kind.CONNECTION_CLOSED),
        respond(200, "{}"));

    assertThat(time.runUntilDone(client().async().status()).join().attempts()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLS", "OTHER"})
  void failuresARepeatCannotFixAreNotRetried(TransportFailure.Kind kind) {
    api.always(STATUS, fail(kind));

    assertThatThrownBy(() -> time.runUntilDone(client().async().status()).join())
        .hasCauseInstanceOf(TransportException.class);
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void noRetriesWhenThePolicySaysOneAttempt() {
    api.always(STATUS, respond(503, ""));

    assertThatThrownBy(() -> client(builder -> builder.retryPolicy(RetryPolicy.none())).status())
        .isInstanceOf(ServiceUnavailableException.class);
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void aBlockingCallRetriesOnItsOwnThread() throws Exception {
    api.then(STATUS, respond(503, "", "Retry-After", "2"), respond(200, "{}"));
    var client = client();
    java.util.concurrent.CompletableFuture<Thread> retriedOn = new java.util.concurrent.CompletableFuture<>();
    Thread caller = new Thread(() -> {
      SystemStatus status = client.status();
      retriedOn.complete(status.attempts() == 2 ? Thread.currentThread() : null);
    }, "blocking-caller");
    caller.start();

    while (api.requests(STATUS).size() < 1 || time.pendingTimers() == 0) {
      Thread.sleep(5);
    }
    time.advance(Duration.ofSeconds(2));

    assertThat(retriedOn).succeedsWithin(Duration.ofSeconds(10)).isSameAs(caller);
    assertThat(api.requests(STATUS)).hasSize(2);
  }
}
