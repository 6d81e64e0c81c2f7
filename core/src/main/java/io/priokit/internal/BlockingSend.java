package io.priokit.internal;

/**
 * A blocking send in progress on a caller's thread, which core may cut short the way AWS SDK v2
 * does: by interrupting that thread only while it is inside the send (the transport then aborts the
 * exchange), and taking the interrupt back once the send is over, so the caller never sees it.
 */
final class BlockingSend implements Runnable {

  /** Why core interrupted the send, if it did. */
  enum Stop { NONE, TIMED_OUT, ABORTED }

  private final Thread thread;
  private boolean running = true;
  private Stop stop = Stop.NONE;

  BlockingSend(Thread thread) {
    this.thread = thread;
  }

  /** The attempt timeout fired. */
  @Override
  public void run() {
    interrupt(Stop.TIMED_OUT);
  }

  /** The call was aborted, by the client closing. */
  void abort() {
    interrupt(Stop.ABORTED);
  }

  private synchronized void interrupt(Stop why) {
    if (running && stop == Stop.NONE) {
      stop = why;
      thread.interrupt();
    }
  }

  /**
   * Ends the send, on the caller's thread; clears the interrupt if it was core's.
   *
   * @return why core interrupted the send, or {@link Stop#NONE}
   */
  synchronized Stop finish() {
    running = false;
    if (stop != Stop.NONE) {
      Thread.interrupted();
    }
    return stop;
  }
}
