package io.priokit.transport.apache;

import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads a response into a {@link TransportResponse}, never more than a bound: a
 * {@code Content-Length} above it fails at the first chunk, before a byte is kept, and a body that
 * grows past it fails at the chunk that crosses it. Failing from {@code data} rather than from
 * {@code start} lets HttpCore discard the connection the way it does for any broken body.
 */
final class BoundedResponseConsumer extends AbstractBinResponseConsumer<TransportResponse> {

  private final int maxBytes;
  private int statusCode;
  private Header[] headers;
  private byte[] body = new byte[0];
  private int size;
  private boolean declaredTooLarge;

  BoundedResponseConsumer(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void start(HttpResponse response, ContentType contentType) throws IOException {
    statusCode = response.getCode();
    headers = response.getHeaders();
    Header length = response.getFirstHeader("Content-Length");
    declaredTooLarge = length != null && declaredLength(length.getValue()) > maxBytes;
  }

  @Override
  protected int capacityIncrement() {
    return Integer.MAX_VALUE;
  }

  @Override
  protected void data(ByteBuffer chunk, boolean endOfStream) throws IOException {
    int more = chunk.remaining();
    if (declaredTooLarge || (long) size + more > maxBytes) {
      throw tooLarge();
    }
    if (size + more > body.length) {
      body = Arrays.copyOf(body, (int) Math.min(maxBytes, Math.max(size + more, body.length * 2L)));
    }
    chunk.get(body, size, more);
    size += more;
  }

  @Override
  protected TransportResponse buildResult() {
    Header[] lines = headers;
    return TransportResponse.of(statusCode, line -> {
      for (Header header : lines) {
        line.accept(header.getName(), header.getValue());
      }
    }, size == body.length ? body : Arrays.copyOf(body, size));
  }

  @Override
  public void releaseResources() {
    body = new byte[0];
  }

  /** An I/O failure, so HttpCore treats the exchange as broken; it carries the failure core reads. */
  private IOException tooLarge() {
    return new IOException("response body larger than " + maxBytes + " bytes",
        TransportFailure.bodyTooLarge(statusCode, maxBytes));
  }

  private static long declaredLength(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException unreadable) {
      return -1;
    }
  }
}
