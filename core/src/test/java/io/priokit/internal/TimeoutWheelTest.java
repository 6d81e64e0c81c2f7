package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's timer: tasks run after their delay, never before, and cancelled ones never. */
class TimeoutWheelTest {

  private static final AtomicInteger WHEELS = new AtomicInteger();

  /** A name of this test's own: the thread of the previous test's wheel may still be ending. */
  private final String threadName = "priokit-timer-test-" + WHEELS.incrementAndGet();
  private final TimeoutWheel wheel = new TimeoutWheel(threadName);

  @AfterEach
  void closeWheel() {
    wheel.close();
  }

  @Test
  void aTaskRunsAfterItsDelayAndNotBefore() {
    long scheduled = System.nanoTime();
    CompletableFuture<Long> ran = new CompletableFuture<>();

    wheel.schedule(Duration.ofMillis(150).toNanos(), () -> ran.complete(System.nanoTime()));

    assertThat(ran).succeedsWithin(Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(ran.join() - scheduled)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void aCancelledTaskNeverRuns() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    Timeouts.Cancellable task = wheel.schedule(Duration.ofMillis(50).toNanos(), ran::countDown);

    task.cancel();

    assertThat(ran.await(300, TimeUnit.MILLISECONDS)).isFalse();
  }

  @Test
  void tasksRunInTheOrderOfTheirDeadlinesAcrossTurnsOfTheWheel() {
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    // 5.2 s is more than one turn of the wheel (512 ticks of 10 ms): it must wait its round.
    wheel.schedule(Duration.ofMillis(5_200).toNanos(), () -> { order.add(3); done.countDown(); });
    wheel.schedule(Duration.ofMillis(20).toNanos(), () -> { order.add(1); done.countDown(); });
    wheel.schedule(Duration.ofMillis(300).toNanos(), () -> { order.add(2); done.countDown(); });

    assertThat(awaitQuietly(done, Duration.ofSeconds(10))).isTrue();
    assertThat(order).containsExactly(1, 2, 3);
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheOthers() {
    CompletableFuture<Void> after = new CompletableFuture<>();
    wheel.schedule(Duration.ofMillis(10).toNanos(), () -> {
      throw new IllegalStateException("broken task");
    });

    wheel.schedule(Duration.ofMillis(60).toNanos(), () -> after.complete(null));

    assertThat(after).succeedsWithin(Duration.ofSeconds(5));
  }

  @Test
  void theThreadStartsWithTheFirstTaskAndEndsWithClose() throws InterruptedException {
    assertThat(timerThreads()).isEmpty();
    CompletableFuture<Void> ran = new CompletableFuture<>();

    wheel.schedule(Duration.ofMillis(10).toNanos(), () -> ran.complete(null));
    assertThat(ran).succeedsWithin(Duration.ofSeconds(5));
    assertThat(timerThreads()).hasSize(1);
    wheel.close();

    for (int i = 0; i < 50 && !timerThreads().isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertThat(timerThreads()).isEmpty();
  }

  @Test
  void aTaskScheduledAfterCloseNeverRuns() throws InterruptedException {
    wheel.close();
    CountDownLatch ran = new CountDownLatch(1);

    wheel.schedule(Duration.ofMillis(10).toNanos(), ran::countDown);

    assertThat(ran.await(200, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(wheel.isClosed()).isTrue();
  }

  @Test
  void theThreadSleepsWhileNothingIsPending() throws InterruptedException {
    CompletableFuture<Void> ran = new CompletableFuture<>();
    wheel.schedule(Duration.ofMillis(10).toNanos(), () -> ran.complete(null));
    assertThat(ran).succeedsWithin(Duration.ofSeconds(5));

    Thread timer = timerThreads().get(0);
    for (int i = 0; i < 50 && timer.getState() != Thread.State.WAITING; i++) {
      Thread.sleep(20);
    }

    assertThat(timer.getState()).as("parked without a deadline, not ticking").isEqualTo(Thread.State.WAITING);
  }

  private List<Thread> timerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(threadName) && thread.isAlive()).toList();
  }

  private static boolean awaitQuietly(CountDownLatch latch, Duration limit) {
    try {
      return latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
