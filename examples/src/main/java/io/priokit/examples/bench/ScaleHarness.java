package io.priokit.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a fresh JVM: starts {@code CALLS} async calls at once against a server that answers each
 * after a delay, samples live threads and used heap while they are in flight, and reports the peaks
 * and whether every call completed. Prints one line of {@code name value} pairs.
 */
public final class ScaleHarness {

  private ScaleHarness() {}

  /** @param args {@code jdk|apache|vertx priokit|raw BASE_URI CALLS POOL} */
  public static void main(String[] args) throws Exception {
    String transport = args[0];
    String client = args[1];
    URI baseUri = URI.create(args[2]);
    int calls = Integer.parseInt(args[3]);
    int pool = Integer.parseInt(args[4]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (StatusCaller caller = StatusCaller.create(transport, client, baseUri, pool)) {
      caller.call();
      int threadsBefore = threads.getThreadCount();
      AtomicInteger peakThreads = new AtomicInteger(threadsBefore);
      AtomicLong peakHeap = new AtomicLong();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peakThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
          peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(10);
          } catch (InterruptedException stop) {
            return;
          }
        }
      }, "scale-sampler");
      sampler.setDaemon(true);
      sampler.start();
      AtomicInteger completed = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      long started = System.nanoTime();
      CompletableFuture<?>[] inFlight = new CompletableFuture<?>[calls];
      for (int i = 0; i < calls; i++) {
        inFlight[i] = caller.callAsync().whenComplete((answer, failure) ->
            (failure == null ? completed : failed).incrementAndGet());
      }
      CompletableFuture.allOf(inFlight).handle((done, failure) -> null).get(5, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - started) / 1e9;
      sampler.interrupt();
      System.out.printf(java.util.Locale.ROOT,
          "scale calls %d completed %d failed %d seconds %.1f threads-before %d threads-peak %d heap-peak-mb %d%n",
          calls, completed.get(), failed.get(), seconds, threadsBefore, peakThreads.get(), peakHeap.get() >> 20);
    }
    System.exit(0);
  }
}
