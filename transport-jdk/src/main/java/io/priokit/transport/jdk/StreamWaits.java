package io.priokit.transport.jdk;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Holds back the exchanges the JDK client refused because the server's HTTP/2 connection had no
 * stream free ({@code SETTINGS_MAX_CONCURRENT_STREAMS}, 100 or 128 on most servers): the JDK client
 * (17 and 25 alike) fails them at once with "too many concurrent streams" rather than waiting for a
 * stream or opening another connection. Such an exchange never went on the wire, so it starts again
 * when another exchange of the transport ends and frees a stream; the request still goes on the
 * wire once.
 */
final class StreamWaits {

  /** How long a blocked sender waits for a stream before trying again, should a wake-up be missed. */
  private static final long RETRY_MILLIS = 50;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Queue<BooleanSupplier> waiting = new ConcurrentLinkedQueue<>();
  private final Object freed = new Object();

  /** Whether the failure is the JDK client's refusal to open a stream beyond the server's limit. */
  static boolean isNoStreamFree(Throwable failure) {
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth < 8; cause = cause.getCause(), depth++) {
      if (cause instanceof IOException && "too many concurrent streams".equals(cause.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /** Counts an exchange handed to the JDK client. */
  void started() {
    inFlight.incrementAndGet();
  }

  /** Counts an exchange that ended, freeing its stream: the longest-waiting exchange starts. */
  void ended() {
    inFlight.decrementAndGet();
    startWaiting();
    synchronized (freed) {
      freed.notifyAll();
    }
  }

  /**
   * Counts an exchange that was refused for want of a stream and, if another is in flight (and will
   * free a stream), keeps it to start again.
   *
   * @param restart starts the exchange again; answers whether it started (not if it was cancelled)
   * @return whether it waits; if not, nothing else is in flight and the refusal stands
   */
  boolean waitForStream(BooleanSupplier restart) {
    if (!refused()) {
      return false;
    }
    waiting.add(restart);
    if (inFlight.get() == 0) {
      // Every other exchange ended while this one was being put aside.
      startWaiting();
    }
    return true;
  }

  /**
   * Counts a blocking exchange that was refused for want of a stream, and waits for another to end.
   *
   * @return whether to try again; if not, nothing else is in flight and the refusal stands
   * @throws InterruptedException if the sender is interrupted while waiting
   */
  boolean awaitStream() throws InterruptedException {
    if (!refused()) {
      return false;
    }
    synchronized (freed) {
      freed.wait(RETRY_MILLIS);
    }
    return true;
  }

  /** Uncounts a refused exchange; whether others are still in flight. */
  private boolean refused() {
    return inFlight.decrementAndGet() > 0;
  }

  private void startWaiting() {
    for (BooleanSupplier next; (next = waiting.poll()) != null; ) {
      if (next.getAsBoolean()) {
        return;
      }
    }
  }
}
