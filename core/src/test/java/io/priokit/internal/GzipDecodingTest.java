package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.spi.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Core inflates what it asked to be compressed, within the body bound, and never guesses. */
class GzipDecodingTest {

  @Test
  void aGzipBodyIsInflatedAndItsEncodingHeadersDropped() throws IOException {
    TransportResponse decoded = GzipDecoding.decode(gzipped("{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8)), 1024);

    assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"OK\"}");
    assertThat(decoded.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(decoded.headers().firstValue("Content-Length")).isEmpty();
    assertThat(decoded.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void aBodyThatInflatesBeyondTheBoundIsRefused() throws IOException {
    byte[] large = new byte[3 << 20];
    new Random(3).nextBytes(large);

    assertThatThrownBy(() -> GzipDecoding.decode(gzipped(large), 1 << 20))
        .isInstanceOf(GzipDecoding.UndecodableBody.class)
        .hasMessage("gzip body inflates to more than 1048576 bytes");
  }

  @Test
  void aBodyExactlyAtTheBoundIsAccepted() throws IOException {
    byte[] exact = new byte[1 << 20];
    Arrays.fill(exact, (byte) 'a');

    assertThat(GzipDecoding.decode(gzipped(exact), 1 << 20).body()).isEqualTo(exact);
  }

  @Test
  void aBrokenGzipStreamIsUndecodable() throws IOException {
    byte[] whole = gzipped("{\"status\":\"OK\"}".repeat(100).getBytes(StandardCharsets.UTF_8)).body();
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(() -> GzipDecoding.decode(response(cut, "gzip"), 1 << 20))
        .isInstanceOf(GzipDecoding.UndecodableBody.class)
        .hasMessageStartingWith("gzip body could not be decoded");
  }

  @Test
  void aBodyThatSaysGzipButIsNotIsLeftAsItCame() {
    byte[] plain = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    TransportResponse response = response(plain, "gzip");

    assertThat(GzipDecoding.decode(response, 1024)).isSameAs(response);
  }

  @Test
  void aGzipBodyWithoutTheHeaderIsLeftAsItCame() throws IOException {
    TransportResponse compressed = gzipped("x".getBytes(StandardCharsets.UTF_8));
    TransportResponse unlabelled = TransportResponse.of(200, HttpHeaders.of(Map.of(), (n, v) -> true), compressed.body());

    assertThat(GzipDecoding.decode(unlabelled, 1024)).isSameAs(unlabelled);
  }

  private static TransportResponse gzipped(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(plain);
    }
    return response(bytes.toByteArray(), "gzip");
  }

  private static TransportResponse response(byte[] body, String encoding) {
    return TransportResponse.of(200, HttpHeaders.of(Map.of("Content-Encoding", List.of(encoding),
        "Content-Length", List.of(String.valueOf(body.length)), "Content-Type", List.of("application/json")),
        (n, v) -> true), body);
  }
}
