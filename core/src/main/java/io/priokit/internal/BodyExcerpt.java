package io.priokit.internal;

import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The start of a response body as text, bounded so that a megabyte-long error page costs a few
 * kilobytes in an exception and nothing in a log line.
 */
final class BodyExcerpt {

  /** Most characters kept. */
  static final int MAX_CHARS = 4_096;

  private BodyExcerpt() {}

  /**
   * Decodes at most {@link #MAX_CHARS} characters of the body, in the charset its
   * {@code Content-Type} names (UTF-8 otherwise), replacing bytes that are not text.
   *
   * @param body the raw body
   * @param headers the response headers
   * @return the excerpt, ending with a note of the full size when the body was longer; empty for none
   */
  static String of(byte[] body, HttpHeaders headers) {
    if (body.length == 0) {
      return "";
    }
    CharsetDecoder decoder = charset(headers).newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    CharBuffer text = CharBuffer.allocate(Math.min(body.length, MAX_CHARS));
    ByteBuffer bytes = ByteBuffer.wrap(body);
    decoder.decode(bytes, text, true);
    text.flip();
    String excerpt = text.toString();
    return bytes.hasRemaining() ? excerpt + "… (" + body.length + " bytes in all)" : excerpt;
  }

  /**
   * Decodes the whole body as text, in the charset its {@code Content-Type} names (UTF-8 otherwise),
   * replacing bytes that are not text.
   */
  static String decode(byte[] body, HttpHeaders headers) {
    return new String(body, charset(headers));
  }

  private static Charset charset(HttpHeaders headers) {
    String contentType = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    int at = contentType.indexOf("charset=");
    if (at < 0) {
      return StandardCharsets.UTF_8;
    }
    String name = contentType.substring(at + "charset=".length()).split("[;,\\s]", 2)[0].replace("\"", "");
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }
}
