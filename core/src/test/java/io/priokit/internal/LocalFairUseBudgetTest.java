package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.FairUsePolicy;
import io.priokit.error.RequestRejectedException.Reason;
import io.priokit.spi.FairUseBudget;
import io.priokit.spi.FairUseBudget.Admission;
import io.priokit.spi.FairUseBudget.Granted;
import io.priokit.spi.FairUseBudget.Refused;
import io.priokit.spi.FairUseBudget.Spent;
import io.priokit.testkit.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The local budget through its port, in virtual time: what a share that starts spent allows. */
class LocalFairUseBudgetTest {

  private final VirtualTime time = new VirtualTime();

  @Test
  void requestsCountedAsSpentAheadHoldTheirPlacesUntilAWindowAfterThem() {
    FairUseBudget budget = FairUseBudget.local(new FairUsePolicy(0, 3), time,
        new Spent(2, Duration.ofSeconds(10), 0, Duration.ZERO));

    assertThat(admit(budget)).isInstanceOf(Granted.class);
    assertThat(admit(budget)).isInstanceOfSatisfying(Refused.class, refused -> {
      assertThat(refused.reason()).isEqualTo(Reason.RATE_LIMIT);
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(70));
    });
  }

  @Test
  void clientErrorsCountedAsSpentFillTheGuardForAWindow() {
    FairUseBudget budget = FairUseBudget.local(new FairUsePolicy(2, 0), time,
        new Spent(0, Duration.ZERO, 5, Duration.ZERO));

    assertThat(admit(budget)).isInstanceOfSatisfying(Refused.class, refused -> {
      assertThat(refused.reason()).isEqualTo(Reason.FAIR_USE_GUARD);
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    });
    time.advance(Duration.ofMinutes(1));
    assertThat(admit(budget)).isInstanceOf(Granted.class);
  }

  @Test
  void aRequestThatWasNeverSentGivesItsTurnBackAndOneThatWasKeepsIt() {
    FairUseBudget budget = FairUseBudget.local(new FairUsePolicy(0, 1), time);
    ((Granted) admit(budget)).permit().unused();
    Granted sent = (Granted) admit(budget);

    sent.permit().sending();
    sent.permit().abandoned();

    assertThat(admit(budget)).isInstanceOf(Refused.class);
  }

  private Admission admit(FairUseBudget budget) {
    return budget.admit(Duration.ofSeconds(30), Duration.ofSeconds(5)).join();
  }
}
