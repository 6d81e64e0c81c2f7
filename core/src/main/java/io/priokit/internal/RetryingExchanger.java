package io.priokit.internal;

import io.priokit.RetryPolicy;
import io.priokit.error.PriokitException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.RequestRejectedException;
import io.priokit.error.TransportException;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The outermost step: sends the request again after a retryable failure, waiting as the server asks
 * ({@code Retry-After}) or by {@link Backoff}, for at most {@link RetryPolicy#maxAttempts()} rounds
 * (a round's one resend after a 401 with a fresh token does not count as a retry), and holds the
 * whole call to its deadline: no round starts once it has passed, and a wait that cannot end before
 * it is not begun: the call fails at once with the failure it would have retried.
 */
final class RetryingExchanger implements Exchanger {

  private final Exchanger next;
  private final RetryPolicy policy;
  private final Backoff backoff;
  private final TimeSource time;
  private final ResponseMapper responses;
  private final PipelineEvents events;

  RetryingExchanger(Exchanger next, RetryPolicy policy, Backoff backoff, TimeSource time,
      ResponseMapper responses, PipelineEvents events) {
    this.next = next;
    this.policy = policy;
    this.backoff = backoff;
    this.time = time;
    this.responses = responses;
    this.events = events;
  }

  @Override
  public CompletableFuture<ReceivedResponse> exchange(CallContext call, TransportRequest request) {
    CompletableFuture<ReceivedResponse> outcome = new CompletableFuture<>();
    round(call, request, outcome, null);
    return outcome;
  }

  /** One round: an attempt, then either the outcome or a wait and the next round. */
  private void round(CallContext call, TransportRequest request, CompletableFuture<ReceivedResponse> outcome,
      PriokitException previous) {
    if (call.remainingNanos(time.nanoTime()) <= 0) {
      outcome.completeExceptionally(call.deadlinePassed(previous));
      return;
    }
    call.beginTry();
    CompletableFuture<ReceivedResponse> attempt;
    try {
      attempt = next.exchange(call, request);
    } catch (RuntimeException | Error cannotStart) {
      attempt = CompletableFuture.failedFuture(cannotStart);
    }
    attempt.whenComplete((received, failure) -> afterAttempt(call, request, outcome, previous, received, failure));
  }

  private void afterAttempt(CallContext call, TransportRequest request, CompletableFuture<ReceivedResponse> outcome,
      PriokitException previous, ReceivedResponse received, Throwable failure) {
    Throwable cause = failure == null ? null : TransportFailure.unwrap(failure);
    if (cause instanceof RequestRejectedException refused && previous != null && refused.getCause() == null) {
      cause = refused.causedBy(previous);
    }
    Retry retry = call.isStopped() || call.tries() >= policy.maxAttempts() ? null
        : received != null ? retryAfterResponse(call, received) : retryAfterFailure(call, cause);
    if (retry == null) {
      if (received != null) {
        outcome.complete(received);
      } else {
        outcome.completeExceptionally(cause);
      }
      return;
    }
    PriokitException last = received != null ? responses.toApiException(call, received.response())
        : (PriokitException) cause;
    if (retry.delay().toNanos() >= call.remainingNanos(time.nanoTime())) {
      // No attempt could follow the wait: end now with what the wait was for, its Retry-After and all.
      if (received != null) {
        outcome.complete(received);
      } else {
        outcome.completeExceptionally(cause);
      }
      return;
    }
    events.retryScheduled(call, call.attempts(), retry.delay(), retry.reason());
    call.mode().join(call.track(time.delay(retry.delay()))).whenComplete((waited, interrupted) -> {
      if (interrupted != null) {
        outcome.completeExceptionally(interrupted);
      } else {
        round(call, request, outcome, last);
      }
    });
  }

  private Retry retryAfterResponse(CallContext call, ReceivedResponse received) {
    int status = received.response().statusCode();
    if (!policy.isRetryable(status)) {
      return null;
    }
    Duration wait = responses.retryAfter(received.response()).orElseGet(() -> backoff.after(call.tries()));
    return new Retry(wait, String.valueOf(status));
  }

  private Retry retryAfterFailure(CallContext call, Throwable cause) {
    if (!(cause instanceof PriokitException failure) || !failure.isRetryable()) {
      return null;
    }
    String reason = failure instanceof TransportException transport ? transport.reason().name()
        : failure instanceof PriokitTimeoutException timeout ? timeout.kind() + "_TIMEOUT"
        : failure.getClass().getSimpleName();
    return new Retry(backoff.after(call.tries()), reason);
  }

  /** A decision to retry: how long to wait first, and what failed. */
  private record Retry(Duration delay, String reason) {}
}
