package io.priokit.internal;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.util.concurrent.CompletableFuture;

/**
 * How a call meets the transport. The pipeline is written once, composing futures; in blocking mode
 * every future it gets is already complete, so the whole call runs on the caller's thread through the
 * transport's native blocking method, and in asynchronous mode it runs through the native async one.
 */
enum ExchangeMode {
  /** The caller's thread sends and waits. */
  BLOCKING {
    @Override
    CompletableFuture<TransportResponse> send(HttpTransport transport, TransportRequest request) {
      try {
        return CompletableFuture.completedFuture(transport.send(request));
      } catch (RuntimeException failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }
  },
  /** Nothing waits; the transport completes the future. */
  ASYNC {
    @Override
    CompletableFuture<TransportResponse> send(HttpTransport transport, TransportRequest request) {
      try {
        return transport.sendAsync(request);
      } catch (RuntimeException failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }
  };

  abstract CompletableFuture<TransportResponse> send(HttpTransport transport, TransportRequest request);
}
