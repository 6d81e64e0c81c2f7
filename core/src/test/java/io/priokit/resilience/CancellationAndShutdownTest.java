package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.hang;
import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.Environment;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.TransportException;
import io.priokit.system.SystemStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Cancelling a call stops it wherever it is; closing the client fails what is pending. */
class CancellationAndShutdownTest extends PipelineFixture {

  @Test
  void cancellingDuringABackoffStopsTheRetriesAndRemovesTheTimer() {
    api.always(STATUS, respond(503, "", "Retry-After", "30"));
    PriokitClient client = client();
    CompletableFuture<SystemStatus> call = client.async().status();
    assertThat(time.pendingTimers()).isEqualTo(1);

    call.cancel(true);

    assertThat(time.pendingTimers()).isZero();
    time.advance(Duration.ofMinutes(5));
    assertThat(api.requests(STATUS)).hasSize(1);
    assertThat(client.pendingCalls()).isZero();
  }

  @Test
  void cancellingDuringAnExchangeCancelsTheExchange() {
    api.then(STATUS, hang());
    PriokitClient client = client();
    CompletableFuture<SystemStatus> call = client.async().status();

    call.cancel(true);

    assertThat(api.exchanges().get(0)).isCancelled();
    assertThat(client.pendingCalls()).isZero();
  }

  @Test
  void completingTheFutureFromOutsideStopsTheCall() {
    api.then(STATUS, hang());
    PriokitClient client = client();
    CompletableFuture<SystemStatus> call = client.async().status();

    call.completeExceptionally(new IllegalStateException("caller gave up"));

    assertThat(api.exchanges().get(0)).isCancelled();
    assertThat(client.pendingCalls()).isZero();
  }

  @Test
  void whatACompletedCallWakesNoLongerCountsItAsPending() {
    api.then(STATUS, respond(503, "", "Retry-After", "1"), respond(200, "{}"));
    PriokitClient client = client();
    CompletableFuture<SystemStatus> call = client.async().status();
    CompletableFuture<Integer> pendingSeenByTheCaller = call.thenApply(status -> client.pendingCalls());

    time.advance(Duration.ofSeconds(1));

    assertThat(pendingSeenByTheCaller).isCompletedWithValue(0);
  }

  @Test
  void whatAClosedClientsFailureWakesNoLongerCountsTheCallAsPending() {
    api.then(STATUS, hang());
    PriokitClient client = client();
    CompletableFuture<Integer> pendingSeenByTheCaller =
        client.async().status().handle((status, failure) -> client.pendingCalls());

    client.close();

    assertThat(pendingSeenByTheCaller).isCompletedWithValue(0);
  }

  @Test
  void aBlockingCallFromACallbackOnPriokitsOwnThreadIsRefused() {
    api.always(STATUS, respond(200, "{}"));
    PriokitClient client = client();
    try (io.priokit.spi.TimeSource system = io.priokit.spi.TimeSource.system()) {
      CompletableFuture<Object> outcome = system.delay(Duration.ofMillis(200)).handle((ready, failure) -> {
        try {
          return client.status();
        } catch (RuntimeException refused) {
          return refused;
        }
      });

      assertThat(outcome).succeedsWithin(Duration.ofSeconds(5))
          .isInstanceOfSatisfying(io.priokit.error.ConfigurationException.class, error ->
              assertThat(error.getMessage()).contains("priokit's own thread priokit-timer", "thenCompose"));
    }
  }

  @Test
  void closingTheClientFailsPendingCallsAtOnceAsClientClosed() {
    api.then(STATUS, hang()).always(PING, respond(503, "", "Retry-After", "30"));
    PriokitClient client = client();
    CompletableFuture<SystemStatus> exchanging = client.async().status();
    CompletableFuture<?> waiting = client.async().ping();
    assertThat(client.pendingCalls()).isEqualTo(2);

    client.close();

    assertThat(exchanging).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(TransportException.class,
            error -> assertThat(error.reason()).isEqualTo(TransportException.Reason.CLIENT_CLOSED));
    assertThat(waiting).isCompletedExceptionally();
    assertThat(api.exchanges().get(0)).isCancelled();
    assertThat(time.pendingTimers()).isZero();
    assertThat(client.pendingCalls()).isZero();
  }

  @Test
  void closingReleasesTheClientsOwnTimerThread() throws Exception {
    api.then(STATUS, respond(503, ""), respond(200, "{}"));
    PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(api)
        .fairUse(FairUsePolicy.disabled())
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(5)))
        .build();
    client.status();
    assertThat(timerThreads()).isPositive();

    client.close();

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (timerThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(timerThreads()).isZero();
  }

  private static long timerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().equals("priokit-timer")).count();
  }
}
