package io.priokit.transport.jdk;

import io.priokit.spi.TransportFailure;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a body into a byte array, never more than a bound: a {@code Content-Length} above it fails
 * before a byte is read, and a body that grows past it fails at the chunk that crosses it. Either way
 * the subscription is cancelled, which makes the JDK client close the connection.
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

  private final int maxBytes;

  BoundedBodyHandler(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new Subscriber(info.statusCode(), declared > maxBytes);
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final int statusCode;
    private final boolean tooLargeAlready;
    private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;

    Subscriber(int statusCode, boolean tooLargeAlready) {
      this.statusCode = statusCode;
      this.tooLargeAlready = tooLargeAlready;
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
      this.subscription = subscription;
      if (tooLargeAlready) {
        refuse();
        return;
      }
      bytes.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : item) {
        received += buffer.remaining();
      }
      if (received > maxBytes) {
        refuse();
        return;
      }
      bytes.onNext(item);
    }

    @Override
    public void onError(Throwable failure) {
      bytes.onError(failure);
    }

    @Override
    public void onComplete() {
      bytes.onComplete();
    }

    private void refuse() {
      body.completeExceptionally(TransportFailure.bodyTooLarge(statusCode, maxBytes));
      subscription.cancel();
    }
  }
}
