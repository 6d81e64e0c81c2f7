package io.priokit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.error.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fair-use policy: the API's minute by default, other windows for tests, and shares of a fleet's limits. */
class FairUsePolicyTest {

  @Test
  void theDefaultsAreTheApisLimitsLessRoomOverAMinute() {
    assertThat(FairUsePolicy.defaults()).isEqualTo(new FairUsePolicy(50, 1000, Duration.ofMinutes(1)));
    assertThat(new FairUsePolicy(3, 4).window()).isEqualTo(FairUsePolicy.MINUTE);
    assertThat(FairUsePolicy.disabled().isDisabled()).isTrue();
    assertThat(FairUsePolicy.defaults().isDisabled()).isFalse();
  }

  @Test
  void aWindowOtherThanAMinuteIsKeptAndChecked() {
    assertThat(FairUsePolicy.defaults().withWindow(Duration.ofSeconds(2)).window()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> FairUsePolicy.defaults().withWindow(Duration.ZERO))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("window");
    assertThatThrownBy(() -> FairUsePolicy.defaults().withWindow(Duration.ofDays(2)))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> new FairUsePolicy(-1, 0)).isInstanceOf(ConfigurationException.class);
  }

  @Test
  void aShareIsEachLimitDividedAmongTheInstancesButAtLeastOneWhereItIsOn() {
    assertThat(FairUsePolicy.defaults().shareOf(4)).isEqualTo(new FairUsePolicy(12, 250));
    assertThat(FairUsePolicy.defaults().shareOf(100)).isEqualTo(new FairUsePolicy(1, 10));
    assertThat(new FairUsePolicy(0, 10, Duration.ofSeconds(5)).shareOf(3))
        .isEqualTo(new FairUsePolicy(0, 3, Duration.ofSeconds(5)));
    assertThatThrownBy(() -> FairUsePolicy.defaults().shareOf(0)).isInstanceOf(ConfigurationException.class);
  }
}
