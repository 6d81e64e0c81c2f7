package io.priokit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** One instance of a fleet: a JVM of its own running {@link FleetWorker}, and what it printed. */
final class FleetInstance {

  final List<String> lines = new CopyOnWriteArrayList<>();
  private final Process process;

  private FleetInstance(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = output.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException ended) {
        // The instance is gone; its lines so far are kept.
      }
    }, "fleet-instance-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a {@link FleetWorker} with these {@code name=value} options, on this JVM's class path. */
  static FleetInstance launch(List<String> options) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        FleetWorker.class.getName()));
    command.addAll(options);
    return new FleetInstance(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  long pid() {
    return process.pid();
  }

  /** Tells a run of calls to start. */
  void go() {
    try {
      process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    } catch (IOException gone) {
      throw new UncheckedIOException(gone);
    }
  }

  /** Waits for the instance to end; its exit status, or -1 if it did not end in time. */
  int ended(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** The line with how its calls ended. */
  String outcomes() {
    return lines.stream().filter(line -> line.startsWith("outcomes")).findFirst().orElse("no outcomes yet");
  }

  /** Successful calls per second in its run. */
  double throughput() {
    return lines.stream().filter(line -> line.startsWith("throughput ")).findFirst()
        .map(line -> Double.parseDouble(line.substring("throughput ".length()))).orElse(0.0);
  }

  void awaitLine(String line, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!lines.contains(line) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(lines).as("pid " + process.pid()).contains(line);
  }

  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
