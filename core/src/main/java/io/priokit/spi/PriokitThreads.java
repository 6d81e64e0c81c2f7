package io.priokit.spi;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads priokit and its transports start: daemon threads of a recognisable type, so that a
 * blocking call made on one of them (from a callback that a future completed there) is refused at
 * once instead of stalling the very timer or I/O thread it would wait for.
 */
public final class PriokitThreads {

  private PriokitThreads() {}

  /** A thread priokit started; only its type matters. */
  private static final class PriokitThread extends Thread {
    PriokitThread(Runnable task, String name) {
      super(task, name);
      setDaemon(true);
    }
  }

  /**
   * A factory of daemon threads named {@code prefix-1}, {@code prefix-2} and so on.
   *
   * @param prefix such as {@code priokit-jdk}
   * @return the factory
   */
  public static ThreadFactory factory(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> new PriokitThread(task, prefix + "-" + count.incrementAndGet());
  }

  /**
   * A factory that gives every thread the same name, for single-thread timers.
   *
   * @param name such as {@code priokit-timer}
   * @return the factory
   */
  public static ThreadFactory named(String name) {
    return task -> new PriokitThread(task, name);
  }

  /** {@return whether the calling thread is one priokit started} */
  public static boolean isPriokitThread() {
    return Thread.currentThread() instanceof PriokitThread;
  }
}
