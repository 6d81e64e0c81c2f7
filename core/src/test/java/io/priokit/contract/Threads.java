package io.priokit.contract;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** What a leak check needs of the JVM's threads. */
final class Threads {

  private Threads() {}

  /** The names of live threads not in {@code before}, leaving out those {@code ignored} names. */
  static List<String> startedSince(Set<Thread> before, Predicate<String> ignored) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive())
        .map(Thread::getName)
        .filter(name -> !ignored.test(name))
        .toList();
  }

  /** Threads of the test servers (WireMock's Jetty, the scripted servers) and of the common pool. */
  static boolean isTestServerThread(String name) {
    return name.startsWith("qtp") || name.contains("WireMock") || name.startsWith("scripted-server")
        || name.startsWith("Scheduler") || name.startsWith("Connector-Scheduler") || name.startsWith("ForkJoinPool");
  }
}
