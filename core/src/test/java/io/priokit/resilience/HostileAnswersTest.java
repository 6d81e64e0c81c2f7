package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.respond;
import static io.priokit.testkit.ScriptedTransport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.error.ApiException;
import io.priokit.error.LimitReachedException;
import io.priokit.error.RequestRejectedException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.error.TransportException;
import io.priokit.spi.TransportFailure;
import io.priokit.system.SystemStatus;
import io.priokit.testkit.LogCapture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Whatever the server answers, the caller gets a typed and truthful error, no secret reaches a message
 * or a log line, and nothing is left pending: errors thrown inside a call, tokens echoed in headers
 * and messages, a refused retry.
 */
class HostileAnswersTest extends PipelineFixture {

  private static final String TOKEN_VALUE = "tok-Echoed-4a4a";

  @Test
  void anErrorFromTheTransportReachesAnAsyncCallerAsItselfAtOnceAndIsNotRetried() {
    api.always(STATUS, request -> CompletableFuture.failedFuture(new OutOfMemoryError("Java heap space")));
    PriokitClient client = client();

    CompletableFuture<SystemStatus> call = client.async().status();

    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOf(OutOfMemoryError.class).withMessage("Java heap space");
    assertThat(client.pendingCalls()).isZero();
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void anErrorAClassifyingTransportWrappedStillReachesABlockingCallerAsItself() {
    api.always(STATUS, request -> CompletableFuture.failedFuture(
        TransportFailure.classify(new java.io.IOException("read failed", new OutOfMemoryError("Direct buffer memory")))));
    PriokitClient client = client();

    assertThatThrownBy(client::status).isInstanceOf(OutOfMemoryError.class).hasMessage("Direct buffer memory");
    assertThat(client.pendingCalls()).isZero();
    assertThat(api.requests(STATUS)).as("never retried").hasSize(1);
  }

  @Test
  void anErrorThrownWhileStartingTheExchangeLeavesNothingPending() {
    api.always(STATUS, request -> {
      throw new StackOverflowError("deep");
    });
    PriokitClient client = client();

    assertThatThrownBy(client::status).isInstanceOf(StackOverflowError.class);
    assertThat(client.async().status()).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOf(StackOverflowError.class);
    assertThat(client.pendingCalls()).isZero();
  }

  @Test
  void aTokenEchoedInResponseHeadersIsScrubbedFromTheErrorItsHeadersAndItsText() {
    api.always(TOKEN, token(TOKEN_VALUE, 3600));
    api.always(STATUS, respond(503, "{\"error\":\"DOWN\"}", "WWW-Authenticate",
        "Bearer error=\"invalid_token\", token=\"" + TOKEN_VALUE + "\"", "X-Debug", "Bearer " + TOKEN_VALUE));
    PriokitClient client = client(builder -> builder.credentials("client-1", SECRET)
        .retryPolicy(io.priokit.RetryPolicy.none()));

    ServiceUnavailableException error = catchThrowableOfType(ServiceUnavailableException.class,
        () -> status(client));

    assertThat(error.headers().allValues("WWW-Authenticate")).singleElement().asString()
        .contains("invalid_token").doesNotContain(TOKEN_VALUE);
    assertThat(error.headers().firstValue("X-Debug")).hasValue("Bearer ****");
    assertThat(error.response().toString()).doesNotContain(TOKEN_VALUE);
    assertThat(error.getMessage()).doesNotContain(TOKEN_VALUE);
  }

  @Test
  void aTransportFailureWhoseMessageQuotesATokenIsScrubbedAndLosesTheQuotingCause() {
    api.always(TOKEN, token(TOKEN_VALUE, 3600));
    api.always(STATUS, request -> CompletableFuture.failedFuture(new java.io.IOException(
        "bad header value: Bearer " + TOKEN_VALUE, new IllegalArgumentException("value " + TOKEN_VALUE))));
    PriokitClient client = client(builder -> builder.credentials("client-1", SECRET)
        .retryPolicy(io.priokit.RetryPolicy.none()));

    TransportException error = catchThrowableOfType(TransportException.class, () -> status(client));

    assertThat(error.getMessage()).contains("Bearer ****").doesNotContain(TOKEN_VALUE);
    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
      assertThat(String.valueOf(cause.getMessage())).doesNotContain(TOKEN_VALUE);
    }
  }

  @Test
  void noSecretReachesALogLineAtTraceEvenInAnAllowedHeader() {
    api.always(TOKEN, token(TOKEN_VALUE, 3600));
    api.always(STATUS, respond(503, "echo " + TOKEN_VALUE + " and " + SECRET, "X-Request-Id", TOKEN_VALUE,
        "Retry-After", "0"));
    try (LogCapture logs = new LogCapture()) {
      PriokitClient client = client(builder -> builder.credentials("client-1", SECRET));

      assertThatThrownBy(() -> status(client)).isInstanceOf(ApiException.class);

      assertThat(logs.linesFrom("io.priokit")).isNotEmpty();
      assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).containsAnyOf(TOKEN_VALUE, SECRET));
    }
  }

  @Test
  void aRetryTheGuardRefusesKeepsTheFailureItWasToRetry() {
    api.always(STATUS, respond(429, "{\"error\":\"SLOW_DOWN\",\"error_reference\":\"ref-429\"}", "Retry-After", "1"));
    PriokitClient client = client(builder -> builder.fairUse(new FairUsePolicy(1, 0)));

    RequestRejectedException refused = catchThrowableOfType(RequestRejectedException.class, () -> status(client));

    assertThat(refused.reason()).isEqualTo(RequestRejectedException.Reason.FAIR_USE_GUARD);
    assertThat(refused.getCause()).isInstanceOfSatisfying(LimitReachedException.class, throttled -> {
      assertThat(throttled.retryAfter()).hasValue(Duration.ofSeconds(1));
      assertThat(throttled.errorReference()).hasValue("ref-429");
    });
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  /** Calls status and lets virtual time run until it is done; throws what it failed with. */
  private void status(PriokitClient client) {
    CompletableFuture<SystemStatus> call = time.runUntilDone(client.async().status());
    try {
      call.join();
    } catch (java.util.concurrent.CompletionException failed) {
      throw (RuntimeException) failed.getCause();
    }
  }
}
