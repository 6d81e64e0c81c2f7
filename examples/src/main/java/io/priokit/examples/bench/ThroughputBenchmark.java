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

/**
 * Calls in flight at once through the async methods: one operation starts {@link #inFlight} calls
 * and waits for all, so calls per second are operations per second times {@link #inFlight}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ThroughputBenchmark {

  /** The HTTP library. */
  @Param({"jdk", "apache", "vertx"})
  public String transport;

  /** Through priokit, or by hand. */
  @Param({"raw", "priokit"})
  public String client;

  /** How many calls are in flight together. */
  @Param({"1", "16", "256"})
  public int inFlight;

  private BenchTarget target;
  private StatusCaller caller;

  /** Starts the caller, with a pool as large as the calls in flight. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    target = BenchTarget.resolve();
    caller = StatusCaller.create(transport, client, target.baseUri(), Math.max(50, inFlight));
  }

  /** Releases it. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    caller.close();
    target.close();
  }

  /** {@link #inFlight} calls started together, all awaited. */
  @Benchmark
  public Object calls() {
    return caller.callTogether(inFlight).join();
  }
}
