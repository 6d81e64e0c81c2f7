package io.priokit.transport.jdk;

import io.priokit.spi.ExchangeSupervisor;
import io.priokit.spi.TimeoutWheel;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads the body into a byte array, and holds the body to what is left of the exchange's deadline:
 * {@code HttpRequest.timeout} ends with the response headers, so a body that stalls or dribbles
 * would otherwise keep a blocking {@code send} waiting. At the deadline the subscription is
 * cancelled, which closes the connection, and the body fails with {@link HttpTimeoutException}.
 */
final class DeadlineBodyHandler implements HttpResponse.BodyHandler<byte[]> {

  private final long deadlineNanos;
  private final ExchangeSupervisor timer;

  DeadlineBodyHandler(long deadlineNanos, ExchangeSupervisor timer) {
    this.deadlineNanos = deadlineNanos;
    this.timer = timer;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    return new Subscriber(HttpResponse.BodySubscribers.ofByteArray());
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final HttpResponse.BodySubscriber<byte[]> bytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private volatile TimeoutWheel.Timeout timeout;

    Subscriber(HttpResponse.BodySubscriber<byte[]> bytes) {
      this.bytes = bytes;
      bytes.getBody().whenComplete((value, failure) -> {
        if (failure == null) {
          body.complete(value);
        } else {
          body.completeExceptionally(failure);
        }
      });
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      long remaining = deadlineNanos - System.nanoTime();
      Runnable expire = () -> {
        if (body.completeExceptionally(new HttpTimeoutException("body not complete by the deadline"))) {
          subscription.cancel();
        }
      };
      if (remaining <= 0) {
        bytes.onSubscribe(subscription);
        expire.run();
        return;
      }
      // Set before subscribing: a body already buffered can complete inside onSubscribe, and its
      // onComplete must find the timeout to cancel.
      timeout = timer.schedule(Duration.ofNanos(remaining), expire);
      bytes.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      bytes.onNext(item);
    }

    @Override
    public void onError(Throwable failure) {
      stopTimer();
      bytes.onError(failure);
    }

    @Override
    public void onComplete() {
      stopTimer();
      bytes.onComplete();
    }

    private void stopTimer() {
      TimeoutWheel.Timeout pending = timeout;
      if (pending != null) {
        pending.cancel();
      }
    }
  }
}
