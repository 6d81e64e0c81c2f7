package io.priokit.internal;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The last step of the pipeline: one attempt through the transport, timed, its failures mapped. */
final class TransportExchanger implements Exchanger {

  private final HttpTransport transport;
  private final FailureMapper failures;

  TransportExchanger(HttpTransport transport, FailureMapper failures) {
    this.transport = transport;
    this.failures = failures;
  }

  @Override
  public CompletableFuture<ReceivedResponse> exchange(CallContext call, TransportRequest request) {
    call.beginAttempt();
    long started = System.nanoTime();
    CompletableFuture<TransportResponse> exchange = call.mode().send(transport, request);
    call.track(exchange);
    CompletableFuture<ReceivedResponse> received = new CompletableFuture<>();
    exchange.whenComplete((response, failure) -> {
      if (failure == null) {
        received.complete(new ReceivedResponse(response, Duration.ofNanos(System.nanoTime() - started)));
      } else {
        received.completeExceptionally(failures.map(failure, call, request));
      }
    });
    return received;
  }
}
