package io.priokit.examples.bench;

import com.sun.management.ThreadMXBean;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.micrometer.PriokitMicrometer;
import io.priokit.observe.PriokitListener;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.lang.management.ManagementFactory;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a Micrometer observation per call adds to priokit's own work, without the network: the
 * client's whole pipeline over a transport that answers at once from memory, so the rest of the call
 * costs the same with and without the observation and is small. It counts the CPU time of the
 * calling thread, which other work on a shared machine does not inflate as it does wall time, in
 * fresh JVMs taking turns (without a listener; with {@code PriokitMicrometer.of(registry)}; and with
 * Micrometer's own meter handler, as on an observation registry where nothing puts priokit's
 * first), and gives the median of their rounds, then of the JVMs.
 *
 * <p>{@code ObservationCost [--jvms N]}; through Maven: {@code mvn -B -q -Prun package -DskipTests
 * -Drun.main=io.priokit.examples.bench.ObservationCost}.
 */
public final class ObservationCost {

  private static final String PREFIX = "observation-cost";
  private static final int WARM_UP_CALLS = 1_000_000;
  private static final int ROUND_CALLS = 200_000;
  private static final int ROUNDS = 9;

  private ObservationCost() {}

  /**
   * Runs the measuring JVMs in turn and prints a table of their medians.
   *
   * @param args {@code --jvms N}, or {@code --measure none|observed|micrometer-handler} in a child JVM
   * @throws Exception if a child JVM cannot be run or fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--measure")) {
      measure(args[1]);
      return;
    }
    int jvms = args.length == 2 && args[0].equals("--jvms") ? Integer.parseInt(args[1]) : 3;
    List<String> listeners = List.of("none", "observed", "micrometer-handler");
    Map<String, List<Double>> nanos = new HashMap<>();
    Map<String, List<Double>> bytes = new HashMap<>();
    for (int jvm = 0; jvm < jvms; jvm++) {
      for (String listener : listeners) {
        Map<String, String> values = BenchmarkReport.keyValues(BenchmarkReport.runJava(
            List.of("-Xms1g", "-Xmx1g", ObservationCost.class.getName(), "--measure", listener), PREFIX));
        nanos.computeIfAbsent(listener, l -> new ArrayList<>()).add(Double.parseDouble(values.get("nanos")));
        bytes.computeIfAbsent(listener, l -> new ArrayList<>()).add(Double.parseDouble(values.get("bytes")));
      }
    }
    double none = median(nanos.get("none"));
    double noneBytes = median(bytes.get("none"));
    System.out.printf(Locale.ROOT, "| listener | CPU ns per call | bytes per call | the observation adds |%n"
        + "| --- | ---: | ---: | ---: |%n| none | %.0f | %.0f | |%n", none, noneBytes);
    for (String listener : listeners.subList(1, listeners.size())) {
      double cpu = median(nanos.get(listener));
      double allocated = median(bytes.get(listener));
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f ns, %.0f bytes |%n",
          listener.equals("observed") ? "PriokitMicrometer.of(SimpleMeterRegistry): PriokitMeterObservationHandler"
              : "Micrometer's DefaultMeterObservationHandler, with its long task timer",
          cpu, allocated, cpu - none, allocated - noneBytes);
    }
  }

  /** In a fresh JVM: warms up, then prints the medians over rounds of CPU time and bytes per call. */
  private static void measure(String listener) {
    ThreadMXBean thread = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (PriokitClient client = PriokitClient.builder()
        .baseUri("http://127.0.0.1:9/v3.8/distributor")
        .transport(new InMemory())
        .fairUse(new FairUsePolicy(FairUsePolicy.defaults().clientErrorsPerWindow(), 0))
        .listener(listenerNamed(listener))
        .build()) {
      calls(client, WARM_UP_CALLS);
      List<Double> nanos = new ArrayList<>();
      List<Double> bytes = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        long cpu = thread.getCurrentThreadCpuTime();
        long allocated = thread.getCurrentThreadAllocatedBytes();
        calls(client, ROUND_CALLS);
        nanos.add((thread.getCurrentThreadCpuTime() - cpu) / (double) ROUND_CALLS);
        bytes.add((thread.getCurrentThreadAllocatedBytes() - allocated) / (double) ROUND_CALLS);
      }
      System.out.printf(Locale.ROOT, "%s nanos %.1f bytes %.1f%n", PREFIX, median(nanos), median(bytes));
    }
  }

  private static PriokitListener listenerNamed(String name) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    return switch (name) {
      case "none" -> PriokitListener.NONE;
      case "observed" -> PriokitMicrometer.of(meters);
      case "micrometer-handler" -> {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        yield PriokitMicrometer.builder().observationRegistry(observations).meterRegistry(meters).build();
      }
      default -> throw new IllegalArgumentException("unknown listener " + name);
    };
  }

  private static void calls(PriokitClient client, int count) {
    for (int i = 0; i < count; i++) {
      client.async().status().join();
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }

  /** A transport that answers every request at once with the status answer, from memory. */
  private static final class InMemory implements HttpTransport {
    private final TransportResponse answer = TransportResponse.of(200,
        HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (name, value) -> true),
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
