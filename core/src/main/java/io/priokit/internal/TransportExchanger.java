package io.priokit.internal;

import io.priokit.error.PriokitException;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The last step of the pipeline: one request through the transport, timed, reported, its failures mapped. */
final class TransportExchanger implements Exchanger {

  private final HttpTransport transport;
  private final FailureMapper failures;
  private final TimeSource time;
  private final PipelineEvents events;

  TransportExchanger(HttpTransport transport, FailureMapper failures, TimeSource time, PipelineEvents events) {
    this.transport = transport;
    this.failures = failures;
    this.time = time;
    this.events = events;
  }

  @Override
  public CompletableFuture<ReceivedResponse> exchange(CallContext call, TransportRequest request) {
    long started = time.nanoTime();
    long remaining = call.remainingNanos(started);
    if (remaining <= 0) {
      // Whatever came before (a token, a turn of the rate limit) used the time up: send nothing.
      return CompletableFuture.failedFuture(call.deadlinePassed(null));
    }
    TransportRequest timed = remaining < request.timeout().toNanos()
        ? request.withTimeout(Duration.ofNanos(remaining)) : request;
    int attempt = call.beginAttempt();
    events.attemptStarted(call, timed, attempt);
    CompletableFuture<TransportResponse> exchange = call.track(call.mode().send(transport, timed));
    CompletableFuture<ReceivedResponse> received = new CompletableFuture<>();
    exchange.whenComplete((response, failure) -> {
      Duration latency = Duration.ofNanos(time.nanoTime() - started);
      if (failure == null) {
        ReceivedResponse answer = new ReceivedResponse(response, latency);
        try {
          events.attemptFinished(call, timed, attempt, response, null, latency);
        } finally {
          received.complete(answer);
        }
      } else {
        PriokitException mapped = call.abortedWith() != null ? call.abortedWith() : failures.map(failure, call, timed);
        try {
          events.attemptFinished(call, timed, attempt, null, mapped, latency);
        } finally {
          received.completeExceptionally(mapped);
        }
      }
    });
    return received;
  }
}
