package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofMillis(200), Duration.ofSeconds(10));

  @Test
  void theCeilingDoublesPerAttemptUpToTheCap() {
    assertThat(after(1, 1.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(after(2, 1.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(after(3, 1.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(after(6, 1.0)).isEqualTo(Duration.ofMillis(6400));
    assertThat(after(7, 1.0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(after(200, 1.0)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void fullJitterDrawsAnywhereFromZeroToTheCeiling() {
    assertThat(after(3, 0.0)).isEqualTo(Duration.ZERO);
    assertThat(after(3, 0.5)).isEqualTo(Duration.ofMillis(400));
  }

  private Duration after(int failedAttempt, double draw) {
    return new Backoff(policy, () -> draw).after(failedAttempt);
  }
}
