package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private final Instant clock = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void delaySeconds() {
    assertThat(RetryAfter.of(headers("120"), clock)).hasValue(Duration.ofSeconds(120));
  }

  @Test
  void httpDateIsMeasuredFromTheClock() {
    assertThat(RetryAfter.of(headers("Fri, 27 Nov 2026 10:00:30 GMT"), clock)).hasValue(Duration.ofSeconds(30));
  }

  @Test
  void httpDateInThePastMeansNoWait() {
    assertThat(RetryAfter.of(headers("Fri, 27 Nov 2026 09:00:00 GMT"), clock)).hasValue(Duration.ZERO);
  }

  @Test
  void unreadableOrMissingValueIsIgnored() {
    assertThat(RetryAfter.of(headers("soon"), clock)).isEmpty();
    assertThat(RetryAfter.of(headers("-5"), clock)).isEmpty();
    assertThat(RetryAfter.of(HttpHeaders.of(Map.of(), (n, v) -> true), clock)).isEmpty();
  }

  private static HttpHeaders headers(String value) {
    return HttpHeaders.of(Map.of("Retry-After", List.of(value)), (name, v) -> true);
  }
}
