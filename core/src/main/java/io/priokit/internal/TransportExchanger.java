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
    int attempt = call.beginAttempt();
    events.attemptStarted(call, request, attempt);
    long started = time.nanoTime();
    CompletableFuture<TransportResponse> exchange = call.track(call.mode().send(transport, request));
    CompletableFuture<ReceivedResponse> received = new CompletableFuture<>();
    exchange.whenComplete((response, failure) -> {
      Duration latency = Duration.ofNanos(time.nanoTime() - started);
      if (failure == null) {
        events.attemptFinished(call, request, attempt, response, null, latency);
        received.complete(new ReceivedResponse(response, latency));
      } else {
        PriokitException mapped = call.abortedWith() != null ? call.abortedWith() : failures.map(failure, call, request);
        events.attemptFinished(call, request, attempt, null, mapped, latency);
        received.completeExceptionally(mapped);
      }
    });
    return received;
  }
}
