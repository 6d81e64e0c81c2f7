package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.testkit.VirtualTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An attempt's timeout aborts its exchange when it fires, and only then; a blocking send keeps no stray interrupt. */
class AttemptTimeoutTest {

  private final VirtualTime time = new VirtualTime();

  @Test
  void firingCancelsTheExchangeAndSaysItFired() {
    CompletableFuture<String> exchange = new CompletableFuture<>();
    AttemptTimeout timeout = new AttemptTimeout(Timeouts.on(time), Duration.ofSeconds(5).toNanos());
    timeout.arm(exchange);

    time.advance(Duration.ofSeconds(5));

    assertThat(exchange).isCancelled();
    assertThat(timeout.fired()).isTrue();
  }

  @Test
  void anExchangeThatEndsFirstIsLeftAloneAndTheTimerRemoved() {
    CompletableFuture<String> exchange = new CompletableFuture<>();
    AttemptTimeout timeout = new AttemptTimeout(Timeouts.on(time), Duration.ofSeconds(5).toNanos());
    timeout.arm(exchange);

    exchange.complete("answer");
    timeout.disarm();
    time.advance(Duration.ofSeconds(10));

    assertThat(exchange).isCompletedWithValue("answer");
    assertThat(timeout.fired()).isFalse();
    assertThat(time.pendingTimers()).isZero();
  }

  @Test
  void aBlockingSendIsInterruptedOnlyWhileItRunsAndTheInterruptIsTakenBack() throws Exception {
    CountDownLatch sending = new CountDownLatch(1);
    CompletableFuture<String> outcome = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      BlockingSend send = new BlockingSend(Thread.currentThread());
      AttemptTimeout timeout = new AttemptTimeout(Timeouts.on(time), Duration.ofSeconds(1).toNanos());
      timeout.arm(send);
      sending.countDown();
      try {
        Thread.sleep(10_000);
        outcome.complete("slept through");
      } catch (InterruptedException interrupted) {
        BlockingSend.Stop stop = send.finish();
        outcome.complete(stop + ", interrupt left: " + Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    assertThat(sending.await(5, TimeUnit.SECONDS)).isTrue();

    time.advance(Duration.ofSeconds(1));

    assertThat(outcome).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("TIMED_OUT, interrupt left: false");
  }

  @Test
  void aBlockingSendThatFinishedIsNeverInterruptedAfterwards() {
    BlockingSend send = new BlockingSend(Thread.currentThread());

    assertThat(send.finish()).isEqualTo(BlockingSend.Stop.NONE);
    send.run();
    send.abort();

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
