package io.priokit.examples.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.micrometer.PriokitMicrometer;
import io.priokit.observe.PriokitListener;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What a Micrometer observation per call adds to priokit's own work, without the network: the
 * client's whole pipeline over a transport that answers at once from memory, on one thread, with and
 * without {@code PriokitMicrometer.of(meterRegistry)}. Over real HTTP the difference is below what
 * {@link CpuPerCall} resolves on a shared two-core machine; here the rest of the call costs the same
 * both ways and is small, so the difference is what the observation costs.
 *
 * <p>{@code ObservationCost}; through Maven: {@code mvn -B -q -Prun package -DskipTests
 * -Drun.main=io.priokit.examples.bench.ObservationCost}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ObservationCost {

  /** Without a listener, or with the Micrometer observation. */
  @Param({"none", "observed"})
  public String listener;

  private PriokitClient client;

  /** Makes the client. */
  @Setup
  public void start() {
    client = PriokitClient.builder()
        .baseUri("http://127.0.0.1:9/v3.8/distributor")
        .transport(new InMemory())
        .fairUse(new FairUsePolicy(FairUsePolicy.defaults().clientErrorsPerMinute(), 0))
        .listener(listener.equals("observed") ? PriokitMicrometer.of(new SimpleMeterRegistry()) : PriokitListener.NONE)
        .build();
  }

  /** Closes the client. */
  @TearDown
  public void stop() {
    client.close();
  }

  /**
   * One status call, answered at once.
   *
   * @return the answer, so that the call cannot be optimised away
   */
  @Benchmark
  public Object status() {
    return client.async().status().join();
  }

  /**
   * Runs both and prints the difference.
   *
   * @param args none
   * @throws Exception if JMH fails
   */
  public static void main(String[] args) throws Exception {
    var results = new Runner(new OptionsBuilder().include(ObservationCost.class.getName())
        .addProfiler(GCProfiler.class).build()).run();
    double none = 0;
    double observed = 0;
    double noneBytes = 0;
    double observedBytes = 0;
    for (RunResult result : results) {
      boolean isObserved = result.getParams().getParam("listener").equals("observed");
      double nanos = result.getPrimaryResult().getScore();
      double bytes = result.getSecondaryResults().get("gc.alloc.rate.norm").getScore();
      if (isObserved) {
        observed = nanos;
        observedBytes = bytes;
      } else {
        none = nanos;
        noneBytes = bytes;
      }
    }
    System.out.printf(Locale.ROOT, "| listener | ns per call | bytes per call |%n| --- | ---: | ---: |%n"
        + "| none | %.0f | %.0f |%n| PriokitMicrometer.of(SimpleMeterRegistry) | %.0f | %.0f |%n"
        + "| the observation adds | %.0f | %.0f |%n", none, noneBytes, observed, observedBytes, observed - none,
        observedBytes - noneBytes);
  }

  /** A transport that answers every request at once with the status answer, from memory. */
  private static final class InMemory implements HttpTransport {
    private final TransportResponse answer = TransportResponse.of(200,
        Map.of("Content-Type", List.of("application/json")),
        "{\"status\":\"OK\",\"message\":\"System OK\"}".getBytes(StandardCharsets.UTF_8));

    @Override
    public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
      return CompletableFuture.completedFuture(answer);
    }

    @Override
    public String name() {
      return "in-memory";
    }

    @Override
    public void close() {}
  }
}
