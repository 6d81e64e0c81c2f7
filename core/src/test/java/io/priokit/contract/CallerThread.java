package io.priokit.contract;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking call made on a thread of its own, so that a test can interrupt it or close what it waits
 * on, and then see how it ended and whether its thread was left interrupted.
 */
final class CallerThread {

  /** A blocking call. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  /** How the call ended: its failure ({@code null} if it succeeded) and its thread's interrupt flag. */
  record Ending(Throwable failure, boolean interrupted) {}

  private final Thread thread;
  private final CompletableFuture<Ending> ending = new CompletableFuture<>();

  private CallerThread(Call call) {
    thread = new Thread(() -> {
      Throwable failure = null;
      try {
        call.run();
      } catch (Throwable failed) {
        failure = failed;
      }
      ending.complete(new Ending(failure, Thread.currentThread().isInterrupted()));
    }, "blocking-caller");
  }

  /** Starts the call on a new thread. */
  static CallerThread start(Call call) {
    CallerThread caller = new CallerThread(call);
    caller.thread.start();
    return caller;
  }

  /** Interrupts the calling thread. */
  void interrupt() {
    thread.interrupt();
  }

  /** Waits for the call to end, failing the test if it does not within the limit. */
  Ending ending(Duration limit) {
    try {
      return ending.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException notEnded) {
      throw new AssertionError("the blocking call did not end within " + limit, notEnded);
    }
  }
}
