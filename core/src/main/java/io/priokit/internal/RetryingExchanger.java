package io.priokit.internal;

import io.priokit.RetryPolicy;
import io.priokit.error.PriokitException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.TransportException;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The outermost step: sends the request again after a retryable failure, waiting as the server asks
 * ({@code Retry-After}) or by {@link Backoff}, for at most {@link RetryPolicy#maxAttempts()} rounds
 * (a round's one resend after a 401 with a fresh token does not count as a retry),
 * and holds the whole call to its deadline: no round starts once it has passed, and a wait is cut
 * short where it falls.
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
    long remaining = call.remainingNanos(time.nanoTime());
    if (remaining <= 0) {
      return CompletableFuture.failedFuture(call.deadlinePassed(null));
    }
    call.beginTry();
    return next.exchange(call, request)
        .handle((received, failure) -> afterAttempt(call, request, received, failure))
        .thenCompose(outcome -> outcome);
  }

  private CompletableFuture<ReceivedResponse> afterAttempt(CallContext call, TransportRequest request,
      ReceivedResponse received, Throwable failure) {
    Throwable cause = failure == null ? null : TransportFailure.unwrap(failure);
    Optional<Retry> retry = call.isStopped() || call.tries() >= policy.maxAttempts()
        ? Optional.empty()
        : received != null ? retryAfterResponse(call, received) : retryAfterFailure(call, cause);
    if (retry.isEmpty()) {
      return received != null ? CompletableFuture.completedFuture(received) : CompletableFuture.failedFuture(cause);
    }
    long remaining = call.remainingNanos(time.nanoTime());
    Duration wait = retry.get().delay();
    if (wait.toNanos() >= remaining) {
      // No attempt fits after this wait: wait out what is left, then report the deadline with the last failure.
      PriokitException last = received != null ? responses.toApiException(call, received.response())
          : (PriokitException) cause;
      return call.mode().join(call.track(time.delay(Duration.ofNanos(Math.max(0, remaining)))))
          .thenCompose(waited -> CompletableFuture.failedFuture(call.deadlinePassed(last)));
    }
    events.retryScheduled(call, call.attempts(), wait, retry.get().reason());
    return call.mode().join(call.track(time.delay(wait)))
        .thenCompose(waited -> exchange(call, request));
  }

  private Optional<Retry> retryAfterResponse(CallContext call, ReceivedResponse received) {
    int status = received.response().statusCode();
    if (!policy.isRetryable(status)) {
      return Optional.empty();
    }
    Duration wait = responses.retryAfter(received.response()).orElseGet(() -> backoff.after(call.tries()));
    return Optional.of(new Retry(wait, String.valueOf(status)));
  }

  private Optional<Retry> retryAfterFailure(CallContext call, Throwable cause) {
    if (!(cause instanceof PriokitException failure) || !failure.isRetryable()) {
      return Optional.empty();
    }
    String reason = failure instanceof TransportException transport ? transport.reason().name()
        : failure instanceof PriokitTimeoutException timeout ? timeout.kind() + "_TIMEOUT"
        : failure.getClass().getSimpleName();
    return Optional.of(new Retry(backoff.after(call.tries()), reason));
  }

  /** A decision to retry: how long to wait first, and what failed. */
  private record Retry(Duration delay, String reason) {}
}
