package io.priokit.examples.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** One blocking call at a time: its average time, and (with the gc profiler) its allocation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LatencyBenchmark {

  /** The HTTP library. */
  @Param({"jdk", "apache", "vertx"})
  public String transport;

  /** Through priokit, or by hand. */
  @Param({"raw", "priokit"})
  public String client;

  private BenchTarget target;
  private StatusCaller caller;

  /** Starts the caller (and a server, when run alone). */
  @Setup(Level.Trial)
  public void start() throws Exception {
    target = BenchTarget.resolve();
    caller = StatusCaller.create(transport, client, target.baseUri(), 50);
  }

  /** Releases them. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    caller.close();
    target.close();
  }

  /** {@code GET /system/status}, JSON read. */
  @Benchmark
  public Object status() throws Exception {
    return caller.call();
  }
}
