package io.priokit.transport.jdk;

import io.priokit.spi.TransportFailure;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a body into a byte array, never more than a bound: a {@code Content-Length} above it fails
 * before a byte is read, and a body that grows past it fails at the chunk that crosses it. Either way
 * the subscription is cancelled, which makes the JDK client close the connection (HTTP/1.1) or reset
 * the stream (HTTP/2).
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

  private static final byte[] NO_BODY = new byte[0];

  private final int maxBytes;

  BoundedBodyHandler(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new Subscriber(info.statusCode(), declared > maxBytes, declared);
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final int statusCode;
    private final boolean tooLargeAlready;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private byte[] bytes;
    private int size;

    Subscriber(int statusCode, boolean tooLargeAlready, long declared) {
      this.statusCode = statusCode;
      this.tooLargeAlready = tooLargeAlready;
      this.bytes = declared > 0 && !tooLargeAlready ? new byte[(int) declared] : NO_BODY;
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
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        int more = item.remaining();
        if ((long) size + more > maxBytes) {
          refuse();
          return;
        }
        if (size + more > bytes.length) {
          bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max(size + more, bytes.length * 2L)));
        }
        item.get(bytes, size, more);
        size += more;
      }
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
    }

    /** Fails the body first, then cancels: on HTTP/2 the other order reports the cancel instead. */
    private void refuse() {
      body.completeExceptionally(TransportFailure.bodyTooLarge(statusCode, maxBytes));
      subscription.cancel();
    }
  }
}
