package io.priokit.contract;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a limit passes; the caller then asserts it. */
final class Polling {

  private Polling() {}

  static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }
}
