package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyExcerptTest {

  @Test
  void emptyBodyGivesAnEmptyExcerpt() {
    assertThat(BodyExcerpt.of(new byte[0], headers("text/html"))).isEmpty();
  }

  @Test
  void shortBodyIsKeptWhole() {
    assertThat(BodyExcerpt.of("<h1>502</h1>".getBytes(StandardCharsets.UTF_8), headers("text/html")))
        .isEqualTo("<h1>502</h1>");
  }

  @Test
  void longBodyIsCutAndSaysHowLongItWas() {
    byte[] body = "y".repeat(3_000_000).getBytes(StandardCharsets.UTF_8);

    String excerpt = BodyExcerpt.of(body, headers("text/plain"));

    assertThat(excerpt).startsWith("y".repeat(BodyExcerpt.MAX_CHARS)).endsWith("… (3000000 bytes in all)");
    assertThat(excerpt).hasSize(BodyExcerpt.MAX_CHARS + "… (3000000 bytes in all)".length());
  }

  @Test
  void charsetComesFromTheContentType() {
    byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(BodyExcerpt.of(latin1, headers("text/plain; charset=ISO-8859-1"))).isEqualTo("café");
    assertThat(BodyExcerpt.of(latin1, headers("text/plain; charset=\"no-such\""))).isEqualTo("caf\uFFFD");
  }

  private static HttpHeaders headers(String contentType) {
    return HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true);
  }
}
