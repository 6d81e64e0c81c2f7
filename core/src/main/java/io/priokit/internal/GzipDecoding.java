package io.priokit.internal;

import io.priokit.spi.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The other half of the {@code Accept-Encoding: gzip} that {@link RequestFactory} sends with every
 * request: a response body the server compressed is inflated here, once, whatever the transport,
 * and never beyond the same bound the transport held the compressed body to.
 */
final class GzipDecoding {

  /** What every request asks for. */
  static final String ACCEPT_ENCODING = "gzip";

  private GzipDecoding() {}

  /** A body that says it is gzip but is broken, or that inflates beyond the bound. */
  static final class UndecodableBody extends RuntimeException {
    UndecodableBody(String problem, Throwable cause) {
      super(problem, cause, false, false);
    }
  }

  /**
   * Inflates the body if {@code Content-Encoding} says {@code gzip} and the body starts like gzip, and
   * drops that header (and the now wrong {@code Content-Length}) from the result. A body that does not
   * start like gzip is kept as it is: a transport given by the caller may have inflated it already.
   *
   * @param response the response as it came off the wire
   * @param maxBytes the largest body accepted once inflated
   * @return the response with a plain body
   * @throws UndecodableBody if the gzip stream is broken or inflates to more than {@code maxBytes}
   */
  static TransportResponse decode(TransportResponse response, int maxBytes) {
    byte[] body = response.body();
    if (!isGzip(body) || !saysGzip(response.headers())) {
      return response;
    }
    HttpHeaders decodedHeaders = HttpHeaders.of(response.headers().map(), (name, value) ->
        !name.equalsIgnoreCase("Content-Encoding") && !name.equalsIgnoreCase("Content-Length"));
    return TransportResponse.of(response.statusCode(), decodedHeaders, inflate(body, maxBytes));
  }

  private static boolean saysGzip(HttpHeaders headers) {
    String encoding = headers.firstValue("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
    return encoding.equals("gzip") || encoding.equals("x-gzip");
  }

  /** Checks the gzip magic number. */
  private static boolean isGzip(byte[] body) {
    return body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
  }

  /** Grows the output as it inflates, never past the bound: a small bomb cannot claim the heap. */
  private static byte[] inflate(byte[] body, int maxBytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
      byte[] out = new byte[(int) Math.min(maxBytes, Math.max(512L, body.length * 4L))];
      int size = 0;
      while (true) {
        if (size == out.length) {
          if (size >= maxBytes) {
            if (in.read() < 0) {
              break;
            }
            throw new UndecodableBody("gzip body inflates to more than " + maxBytes + " bytes", null);
          }
          out = Arrays.copyOf(out, (int) Math.min(maxBytes, size * 2L));
        }
        int read = in.read(out, size, out.length - size);
        if (read < 0) {
          break;
        }
        size += read;
      }
      return size == out.length ? out : Arrays.copyOf(out, size);
    } catch (IOException broken) {
      throw new UndecodableBody("gzip body could not be decoded: " + broken.getMessage(), broken);
    }
  }
}
