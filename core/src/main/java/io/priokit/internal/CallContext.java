package io.priokit.internal;

import io.priokit.error.FailureContext;
import io.priokit.error.PriokitException;
import io.priokit.error.PriokitTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The state of one call as it goes through the pipeline: what is called, in which mode, its
 * {@code App-Reference} and deadline, the attempts made so far, and what is in flight (an exchange,
 * a wait, or a blocking send), so that cancelling or aborting the call stops it wherever it is.
 */
final class CallContext {

  private final Endpoint endpoint;
  private final ExchangeMode mode;
  private final String appReference;
  private final String requestLine;
  private final long deadlineNanos;
  private final Duration deadline;
  private final CompletableFuture<?> result;
  private final ListenedCall listened;
  private volatile int attempts;
  private volatile int tries;
  private volatile boolean settled;
  private volatile boolean cancelled;
  private volatile PriokitException abortedWith;
  private volatile CompletableFuture<?> inFlight;
  private volatile BlockingSend blockingSend;
  private volatile java.util.function.BooleanSupplier credentialsRejected;
  private volatile ReceivedResponse tooManyRequests;

  /**
   * @param deadlineNanos when the call must end, on the time source's monotonic clock
   * @param deadline the call's whole deadline, for messages
   * @param result the future the caller holds
   */
  CallContext(Endpoint endpoint, ExchangeMode mode, String appReference, String requestLine,
      long deadlineNanos, Duration deadline, CompletableFuture<?> result) {
    this(endpoint, mode, appReference, requestLine, deadlineNanos, deadline, result, null);
  }

  /**
   * @param deadlineNanos when the call must end, on the time source's monotonic clock
   * @param deadline the call's whole deadline, for messages
   * @param result the future the caller holds
   * @param listened what a listener keeps of the call, or {@code null} when none is set
   */
  CallContext(Endpoint endpoint, ExchangeMode mode, String appReference, String requestLine,
      long deadlineNanos, Duration deadline, CompletableFuture<?> result, ListenedCall listened) {
    this.endpoint = endpoint;
    this.mode = mode;
    this.appReference = appReference;
    this.requestLine = requestLine;
    this.deadlineNanos = deadlineNanos;
    this.deadline = deadline;
    this.result = result;
    this.listened = listened;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  ExchangeMode mode() {
    return mode;
  }

  String appReference() {
    return appReference;
  }

  int attempts() {
    return attempts;
  }

  /** What a listener keeps of this call, or {@code null} when none is set or it is a token request. */
  ListenedCall listened() {
    return listened;
  }

  Duration deadline() {
    return deadline;
  }

  /** How long until the deadline, on the given monotonic reading; negative once it has passed. */
  long remainingNanos(long nowNanos) {
    return deadlineNanos - nowNanos;
  }

  /** Counts a request that is about to be sent, and returns its number. */
  int beginAttempt() {
    return ++attempts;
  }

  /**
   * Counts a round of the retry step, and returns its number. Differs from the attempts when no
   * request could be sent (the token could not be had) or when a 401 was answered with a fresh token.
   */
  int beginTry() {
    return ++tries;
  }

  /** How many rounds the retry step has started. */
  int tries() {
    return tries;
  }

  /** Marks the caller's future as completed by the pipeline, not by the caller or a timeout of theirs. */
  void settle() {
    settled = true;
  }

  /** Whether the pipeline completed the caller's future. */
  boolean isSettled() {
    return settled;
  }

  /** The failure of a call whose deadline passed, with the last failure before it as the cause. */
  PriokitTimeoutException deadlinePassed(PriokitException last) {
    return new PriokitTimeoutException(PriokitTimeoutException.Kind.DEADLINE, deadline, last, failure(false));
  }

  /** Remembers the future in flight, so that cancelling or aborting the call stops it. */
  <T> CompletableFuture<T> track(CompletableFuture<T> future) {
    inFlight = future;
    if (isStopped()) {
      future.cancel(true);
    }
    return future;
  }

  /** Remembers the blocking send in flight, so that aborting the call interrupts it. */
  void track(BlockingSend send) {
    blockingSend = send;
    if (abortedWith != null) {
      send.abort();
    }
  }

  /**
   * Says how to tell that the credentials the call's request now carries were rejected by the API
   * since they were attached, so that a request waiting for its turn is not sent with them.
   */
  void carriesCredentials(java.util.function.BooleanSupplier rejected) {
    credentialsRejected = rejected;
  }

  /** Whether the API rejected the credentials the call's request carries since they were attached. */
  boolean credentialsRejected() {
    java.util.function.BooleanSupplier rejected = credentialsRejected;
    return rejected != null && rejected.getAsBoolean();
  }

  /** Remembers the call's latest 429, the API's own answer should the hold it asked for outlast the call. */
  void throttledBy(ReceivedResponse response) {
    tooManyRequests = response;
  }

  /** The call's latest 429, or {@code null}. */
  ReceivedResponse lastThrottle() {
    return tooManyRequests;
  }

  /** Whether the caller cancelled the call or the client aborted it: nothing more is to be started. */
  boolean isStopped() {
    return cancelled || abortedWith != null;
  }

  /** Stops the call at the caller's request: the exchange or wait in flight is cancelled. */
  void cancel() {
    cancelled = true;
    stopInFlight();
  }

  /**
   * Ends the call with a failure the caller did not cause, such as the client closing: the caller's
   * future fails with it at once, and whatever is in flight is stopped.
   */
  void abort(PriokitException failure) {
    abortedWith = failure;
    settled = true;
    result.completeExceptionally(failure);
    stopInFlight();
    BlockingSend send = blockingSend;
    if (send != null) {
      send.abort();
    }
  }

  /** The failure the call was aborted with, or {@code null}. */
  PriokitException abortedWith() {
    return abortedWith;
  }

  /** The facts a failure of this call reports. */
  FailureContext failure(boolean retryable) {
    return new FailureContext(requestLine, appReference, attempts, retryable);
  }

  private void stopInFlight() {
    CompletableFuture<?> future = inFlight;
    if (future != null) {
      future.cancel(true);
    }
  }
}
