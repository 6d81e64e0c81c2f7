package io.priokit.internal;

import io.priokit.observe.CallListener;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * What the pipeline keeps of a call that a listener hears: that call's listener, when it started,
 * and whether its end was reported (a call can end on the pipeline's path and by the caller's
 * cancel at once, and is reported once). Made only when a listener is set.
 */
final class ListenedCall {

  private static final AtomicIntegerFieldUpdater<ListenedCall> FINISHED =
      AtomicIntegerFieldUpdater.newUpdater(ListenedCall.class, "finished");

  private final CallListener listener;
  private final long startNanos;
  private volatile int finished;

  ListenedCall(CallListener listener, long startNanos) {
    this.listener = listener;
    this.startNanos = startNanos;
  }

  CallListener listener() {
    return listener;
  }

  long startNanos() {
    return startNanos;
  }

  /** Whether this is the first report of the call's end: only it is passed on. */
  boolean finish() {
    return FINISHED.compareAndSet(this, 0, 1);
  }
}
