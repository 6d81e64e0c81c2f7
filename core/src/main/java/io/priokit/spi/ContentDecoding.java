package io.priokit.spi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Decodes a {@code gzip} response body, for adapters whose HTTP library does not. The decoded body
 * is bounded, so a small compressed body cannot expand into all of the heap.
 */
public final class ContentDecoding {

  /** The largest decoded body accepted. */
  public static final int MAX_DECODED_BYTES = 32 * 1024 * 1024;

  private ContentDecoding() {}

  /**
   * Decodes the body if {@code Content-Encoding} says {@code gzip} and the body starts like gzip, and
   * drops that header (and the now wrong {@code Content-Length}) from the result.
   *
   * @param statusCode the status
   * @param headers the headers as received
   * @param body the body as received
   * @return the response with a decoded body
   * @throws TransportFailure if the body is not valid gzip or decodes to more than
   *     {@link #MAX_DECODED_BYTES}
   */
  public static TransportResponse decode(int statusCode, HttpHeaders headers, byte[] body) {
    String encoding = headers.firstValue("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
    if (!(encoding.equals("gzip") || encoding.equals("x-gzip")) || !isGzip(body)) {
      return new TransportResponse(statusCode, headers, body);
    }
    HttpHeaders decodedHeaders = HttpHeaders.of(headers.map(), (name, value) ->
        !name.equalsIgnoreCase("Content-Encoding") && !name.equalsIgnoreCase("Content-Length"));
    return new TransportResponse(statusCode, decodedHeaders, gunzip(body));
  }

  /** Checks the gzip magic number, so a body the HTTP library already decoded is left alone. */
  private static boolean isGzip(byte[] body) {
    return body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
  }

  private static byte[] gunzip(byte[] body) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
      byte[] buffer = new byte[8192];
      for (int read; (read = in.read(buffer)) > 0; ) {
        if (out.size() + read > MAX_DECODED_BYTES) {
          throw new TransportFailure(TransportFailure.Kind.OTHER,
              "gzip body decodes to more than " + MAX_DECODED_BYTES + " bytes", null);
        }
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    } catch (IOException corrupt) {
      throw new TransportFailure(TransportFailure.Kind.CONNECTION_CLOSED,
          "gzip body could not be decoded: " + corrupt.getMessage(), corrupt);
    }
  }
}
