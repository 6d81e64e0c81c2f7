package io.priokit.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 request read off a connection: request line, headers and body (by
 * {@code Content-Length} or chunked).
 *
 * @param method the method
 * @param path the path of the request target
 * @param query the query of the request target, or {@code null}
 * @param headers the headers by name as sent, values in order
 * @param body the body bytes, empty when there was none
 * @param keepAlive whether the connection may carry another request after the answer
 */
record IncomingRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
    boolean keepAlive) {

  /** A head larger than this is refused: the simulator is no place for unbounded reads. */
  private static final int MAX_HEAD = 64 * 1024;
  /** A body larger than this is refused, for the same reason. */
  private static final int MAX_BODY = 1024 * 1024;

  /** Thrown for bytes that are not an HTTP/1.1 request the simulator can read. */
  static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }
  }

  /** The first value of a header, whatever the case of its name, or {@code null}. */
  String header(String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return header.getValue().get(0);
      }
    }
    return null;
  }

  /** The body as UTF-8 text. */
  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Reads the next request, answering {@code Expect: 100-continue} on the way.
   *
   * @return the request, or {@code null} when the client closed the connection before sending one
   * @throws Malformed for a request the simulator cannot read
   */
  static IncomingRequest read(InputStream in, OutputStream out) throws IOException {
    String requestLine = readLine(in, true);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new Malformed("not an HTTP/1.x request line: " + requestLine);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int headBytes = requestLine.length();
    for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
      headBytes += line.length();
      if (headBytes > MAX_HEAD) {
        throw new Malformed("request head larger than " + MAX_HEAD + " bytes");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new Malformed("not a header line: " + line);
      }
      headers.computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    String target = parts[1];
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? null : target.substring(question + 1);
    IncomingRequest head = new IncomingRequest(parts[0], path, query, headers, new byte[0],
        keepAlive(parts[2], headers));
    if ("100-continue".equalsIgnoreCase(head.header("Expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    return new IncomingRequest(head.method, path, query, headers, readBody(in, head), head.keepAlive);
  }

  private static boolean keepAlive(String version, Map<String, List<String>> headers) {
    String connection = headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("Connection"))
        .flatMap(header -> header.getValue().stream()).findFirst().orElse("").toLowerCase(Locale.ROOT);
    return version.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
  }

  private static byte[] readBody(InputStream in, IncomingRequest head) throws IOException {
    String transferEncoding = head.header("Transfer-Encoding");
    if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return readChunked(in);
    }
    String contentLength = head.header("Content-Length");
    if (contentLength == null) {
      return new byte[0];
    }
    int length;
    try {
      length = Integer.parseInt(contentLength.strip());
    } catch (NumberFormatException notANumber) {
      throw new Malformed("Content-Length is not a number: " + contentLength);
    }
    if (length < 0 || length > MAX_BODY) {
      throw new Malformed("Content-Length out of range: " + length);
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new Malformed("the body ended after " + body.length + " of " + length + " bytes");
    }
    return body;
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, false);
      int semicolon = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
      } catch (NumberFormatException notHex) {
        throw new Malformed("not a chunk size: " + sizeLine);
      }
      if (size == 0) {
        while (!readLine(in, false).isEmpty()) {
          // Trailers carry nothing the simulator needs.
        }
        return body.toByteArray();
      }
      if (body.size() + size > MAX_BODY) {
        throw new Malformed("chunked body larger than " + MAX_BODY + " bytes");
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new Malformed("a chunk ended early");
      }
      body.write(chunk);
      readLine(in, false);
    }
  }

  /** Reads a CRLF-terminated line; at end of stream, {@code null} if allowed, else a failure. */
  private static String readLine(InputStream in, boolean endAllowed) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); ; b = in.read()) {
      if (b < 0) {
        if (endAllowed && line.length() == 0) {
          return null;
        }
        throw new Malformed("the connection ended inside a request");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() >= MAX_HEAD) {
        throw new Malformed("a request line longer than " + MAX_HEAD + " bytes");
      }
      line.append((char) b);
    }
  }
}
