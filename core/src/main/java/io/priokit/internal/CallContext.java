package io.priokit.internal;

import io.priokit.error.FailureContext;
import java.util.concurrent.CompletableFuture;

/**
 * The state of one call as it goes through the pipeline: what is called, its {@code App-Reference},
 * the attempts made so far and the exchange in flight, so that cancelling the call can abort it.
 */
final class CallContext {

  private final Endpoint endpoint;
  private final ExchangeMode mode;
  private final String appReference;
  private final String requestLine;
  private volatile int attempts;
  private volatile boolean cancelled;
  private volatile CompletableFuture<?> inFlight;

  CallContext(Endpoint endpoint, ExchangeMode mode, String appReference, String requestLine) {
    this.endpoint = endpoint;
    this.mode = mode;
    this.appReference = appReference;
    this.requestLine = requestLine;
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

  /** Counts an attempt that is about to be sent, and returns its number. */
  int beginAttempt() {
    return ++attempts;
  }

  /** Remembers the exchange in flight, so that cancelling the call aborts it. */
  void track(CompletableFuture<?> exchange) {
    inFlight = exchange;
    if (cancelled) {
      exchange.cancel(true);
    }
  }

  boolean isCancelled() {
    return cancelled;
  }

  /** Stops the call: aborts the exchange in flight; no further attempt is started. */
  void cancel() {
    cancelled = true;
    CompletableFuture<?> exchange = inFlight;
    if (exchange != null) {
      exchange.cancel(true);
    }
  }

  /** The facts a failure of this call reports. */
  FailureContext failure(boolean retryable) {
    return new FailureContext(requestLine, appReference, attempts, retryable);
  }
}
