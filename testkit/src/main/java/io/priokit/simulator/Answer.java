package io.priokit.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * What the simulator sends for one request, and how: at once, after a delay, or with a connection
 * fault.
 *
 * @param status the status
 * @param headers headers besides {@code Date}, {@code Content-Length} and {@code Content-Encoding}
 * @param body the body text, or {@code null} for none
 * @param latency the silence before the first byte
 * @param fault the connection fault, or {@code null} to answer normally
 * @param dripInterval for {@link Scenario.Fault#DRIP}, the pause before each body byte
 */
record Answer(int status, Map<String, String> headers, String body, Duration latency, Scenario.Fault fault,
    Duration dripInterval) {

  /** An answer sent at once. */
  static Answer of(int status, String contentType, String body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (body != null) {
      all.put("Content-Type", contentType);
    }
    return new Answer(status, all, body, Duration.ZERO, null, Duration.ZERO);
  }

  /** A JSON answer sent at once. */
  static Answer json(int status, String body) {
    return of(status, "application/json", body, Map.of());
  }

  /** This answer, shaped by a scenario's latency and fault. */
  Answer shapedBy(Scenario scenario) {
    return new Answer(status, headers, body, scenario.latency(), scenario.fault(), scenario.dripInterval());
  }

  /** Whether the connection can carry another request after this answer. */
  boolean leavesConnectionOpen() {
    return fault == null;
  }

  /**
   * Sends the answer on the connection, gzip-encoded if the client asked for it.
   *
   * @throws IOException when the client hung up first, or to end the connection for a fault
   * @throws InterruptedException when the simulator stopped during a delay
   */
  void send(Wire wire, boolean gzip) throws IOException, InterruptedException {
    if (!latency.isZero()) {
      Thread.sleep(latency.toMillis());
    }
    if (fault == Scenario.Fault.RESET) {
      wire.reset();
      return;
    }
    if (fault == Scenario.Fault.HANG) {
      wire.awaitHangUp();
      return;
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    boolean encoded = gzip && bytes.length > 0;
    if (encoded) {
      bytes = gzip(bytes);
    }
    OutputStream out = wire.out();
    out.write(head(bytes.length, encoded));
    if (fault == Scenario.Fault.TRUNCATED) {
      out.write(bytes, 0, bytes.length / 2);
      wire.finish();
      return;
    }
    if (fault == Scenario.Fault.DRIP) {
      out.flush();
      for (byte b : bytes) {
        Thread.sleep(dripInterval.toMillis());
        out.write(b);
        out.flush();
      }
      return;
    }
    out.write(bytes);
    out.flush();
  }

  private byte[] head(int contentLength, boolean encoded) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(Reasons.of(status))
        .append("\r\nDate: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append("\r\nContent-Length: ").append(contentLength).append("\r\n");
    if (encoded) {
      head.append("Content-Encoding: gzip\r\n");
    }
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
      out.write(bytes);
    }
    return compressed.toByteArray();
  }

  /** Reason phrases for the status line. */
  private static final class Reasons {
    private static final Map<Integer, String> PHRASES = Map.ofEntries(
        Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
        Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
        Map.entry(406, "Not Acceptable"), Map.entry(422, "Unprocessable Entity"),
        Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
        Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
        Map.entry(504, "Gateway Timeout"));

    private Reasons() {}

    static String of(int status) {
      return PHRASES.getOrDefault(status, "Status " + status);
    }
  }
}
