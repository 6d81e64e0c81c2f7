package io.priokit.examples.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time per call of two clients, priokit's against the raw transport's by default, for differences
 * smaller than one JMH run on a small machine can resolve. The server runs in this JVM; each
 * measurement runs in a fresh JVM that holds only the client, the two taking turns, and reports the
 * median of its rounds; the table gives the median over those JVMs. {@code --clients
 * priokit,priokit-observed} measures what the Micrometer observation adds.
 *
 * <p>{@code CpuPerCall [--transport jdk|apache|vertx] [--in-flight N] [--jvms N] [--clients A,B]}, each
 * client {@code raw}, {@code priokit} or {@code priokit-observed}; through Maven:
 * {@code mvn -B -q -Prun package -DskipTests -Drun.main=io.priokit.examples.bench.CpuPerCall
 * -Drun.args="--transport vertx --in-flight 256"}.
 */
public final class CpuPerCall {

  private static final String PREFIX = "cpu-per-call";
  private static final int WARM_UP_CALLS = 300_000;
  private static final int ROUND_CALLS = 100_000;
  private static final int ROUNDS = 7;

  private CpuPerCall() {}

  /** @param args the options above, or {@code --measure TRANSPORT CLIENT BASE_URI IN_FLIGHT} in a child JVM */
  public static void main(String[] args) throws Exception {
    if (args.length == 5 && args[0].equals("--measure")) {
      measure(args[1], args[2], URI.create(args[3]), Integer.parseInt(args[4]));
      return;
    }
    String transport = "vertx";
    int inFlight = 256;
    int jvms = 3;
    List<String> clients = List.of("raw", "priokit");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--transport" -> transport = args[i + 1];
        case "--in-flight" -> inFlight = Integer.parseInt(args[i + 1]);
        case "--jvms" -> jvms = Integer.parseInt(args[i + 1]);
        case "--clients" -> clients = List.of(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("Usage: CpuPerCall [--transport jdk|apache|vertx] "
            + "[--in-flight N] [--jvms N] [--clients raw|priokit|priokit-observed,...]");
      }
    }
    if (clients.size() != 2) {
      throw new IllegalArgumentException("--clients takes two clients, such as raw,priokit");
    }
    String baseline = clients.get(0);
    String candidate = clients.get(1);
    List<Double> baselineMicros = new ArrayList<>();
    List<Double> candidateMicros = new ArrayList<>();
    try (BenchServer server = BenchServer.start(Duration.ZERO)) {
      for (int jvm = 0; jvm < jvms; jvm++) {
        for (String client : clients) {
          Map<String, String> values = BenchmarkReport.keyValues(BenchmarkReport.runJava(List.of("-Xms1g", "-Xmx1g",
              CpuPerCall.class.getName(), "--measure", transport, client, server.baseUri().toString(),
              String.valueOf(inFlight)), PREFIX));
          (client.equals(baseline) ? baselineMicros : candidateMicros).add(Double.parseDouble(values.get("micros")));
        }
      }
    }
    double before = median(baselineMicros);
    double after = median(candidateMicros);
    System.out.printf(Locale.ROOT, "| transport | in flight | JVMs | %s µs CPU per call | %s | ratio | %s adds |%n"
        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |%n| %s | %d | %d | %.2f | %.2f | %.2f | %.2f µs |%n",
        baseline, candidate, candidate, transport, inFlight, jvms, before, after, after / before, after - before);
  }

  /** In a fresh JVM: warms up, then prints the median over rounds of this process's CPU time per call. */
  private static void measure(String transport, String client, URI baseUri, int inFlight) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (StatusCaller caller = StatusCaller.create(transport, client, baseUri, Math.max(50, inFlight))) {
      calls(caller, inFlight, WARM_UP_CALLS);
      List<Double> micros = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        long before = os.getProcessCpuTime();
        calls(caller, inFlight, ROUND_CALLS);
        micros.add((os.getProcessCpuTime() - before) / 1_000.0 / ROUND_CALLS);
      }
      System.out.printf(Locale.ROOT, "%s micros %.3f%n", PREFIX, median(micros));
    }
  }

  /** At least {@code total} calls, {@code inFlight} at a time, as the throughput benchmark makes them. */
  private static void calls(StatusCaller caller, int inFlight, int total) {
    for (int made = 0; made < total; made += inFlight) {
      caller.callTogether(inFlight).join();
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }
}
