package io.priokit.internal;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * How a call meets the transport and the futures of others. The pipeline is written once, composing
 * futures; in blocking mode every future it composes on is complete before it does, so the whole call
 * runs on the caller's thread through the transport's blocking method, and waits (backoff, a token
 * another caller is fetching) block that thread only. In asynchronous mode nothing blocks.
 */
enum ExchangeMode {
  /** The caller's thread sends and waits; the attempt timeout interrupts it inside the send. */
  BLOCKING {
    @Override
    CompletableFuture<TransportResponse> send(HttpTransport transport, TransportRequest request,
        CallContext call, AttemptTimeout timeout) {
      BlockingSend send = new BlockingSend(Thread.currentThread());
      call.track(send);
      timeout.arm(send);
      try {
        return CompletableFuture.completedFuture(transport.send(request));
      } catch (RuntimeException failure) {
        return CompletableFuture.failedFuture(failure);
      } finally {
        timeout.disarm();
        if (send.finish() == BlockingSend.Stop.TIMED_OUT) {
          timeout.markFired();
        }
      }
    }

    @Override
    <T> CompletableFuture<T> join(CompletableFuture<T> future) {
      try {
        return CompletableFuture.completedFuture(future.get());
      } catch (InterruptedException interrupted) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        return CompletableFuture.failedFuture(new TransportFailure(
            TransportFailure.Kind.INTERRUPTED, "interrupted while waiting", interrupted));
      } catch (ExecutionException failed) {
        return CompletableFuture.failedFuture(failed.getCause());
      } catch (java.util.concurrent.CancellationException cancelled) {
        return CompletableFuture.failedFuture(cancelled);
      }
    }
  },
  /** Nothing waits; the transport completes the future, and the attempt timeout cancels it. */
  ASYNC {
    @Override
    CompletableFuture<TransportResponse> send(HttpTransport transport, TransportRequest request,
        CallContext call, AttemptTimeout timeout) {
      CompletableFuture<TransportResponse> exchange;
      try {
        exchange = transport.sendAsync(request);
      } catch (RuntimeException failure) {
        return CompletableFuture.failedFuture(failure);
      }
      call.track(exchange);
      timeout.arm(exchange);
      return exchange;
    }

    @Override
    <T> CompletableFuture<T> join(CompletableFuture<T> future) {
      return future;
    }
  };

  /**
   * Sends one request through the transport's method for this mode, held to the attempt timeout:
   * when it fires, the exchange is aborted and the timeout marked as fired.
   */
  abstract CompletableFuture<TransportResponse> send(HttpTransport transport, TransportRequest request,
      CallContext call, AttemptTimeout timeout);

  /**
   * Prepares a future from elsewhere (a timer, another caller's token fetch) for composing: in
   * blocking mode the caller's thread waits for it here, so what follows runs on the caller's thread
   * and not on whichever thread completes the future.
   */
  abstract <T> CompletableFuture<T> join(CompletableFuture<T> future);
}
