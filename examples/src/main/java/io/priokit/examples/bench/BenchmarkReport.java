package io.priokit.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark, priokit beside the raw transport in the same run, and writes the results
 * as a Markdown report of ratios: JMH for latency, allocation and throughput; fresh JVMs for cold
 * start and for 10,000 calls in flight. The server runs in this process, so the measured JVMs do
 * only the client's work.
 *
 * <p>{@code BenchmarkReport [--out FILE] [--quick]}: {@code --quick} shortens every run, for a look,
 * not for numbers to keep.
 */
public final class BenchmarkReport {

  static final List<String> TRANSPORTS = List.of("jdk", "apache", "vertx");
  static final List<Integer> IN_FLIGHT = List.of(1, 16, 256);
  private static final int SCALE_CALLS = 10_000;
  private static final int SCALE_POOL = 200;
  private static final int COLD_STARTS = 5;

  private BenchmarkReport() {}

  /** A measured value with its error: JMH's 99.9% confidence half-width. */
  record Score(double value, double error) {}

  /** @param args {@code [--out FILE] [--quick]} */
  public static void main(String[] args) throws Exception {
    Path out = null;
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out")) {
        out = Path.of(args[++i]);
      } else if (args[i].equals("--quick")) {
        quick = true;
      } else {
        throw new IllegalArgumentException("Usage: BenchmarkReport [--out FILE] [--quick]");
      }
    }
    StringBuilder report = new StringBuilder();
    try (BenchServer server = BenchServer.start(Duration.ZERO);
        BenchServer slowServer = BenchServer.start(Duration.ofMillis(100))) {
      Map<String, Score> latency = new HashMap<>();
      Map<String, Score> allocation = new HashMap<>();
      for (RunResult run : jmh(LatencyBenchmark.class, server, quick, true)) {
        String key = key(run.getParams());
        latency.put(key, score(run.getPrimaryResult()));
        allocation.put(key, score(run.getSecondaryResults().get("gc.alloc.rate.norm")));
      }
      Map<String, Score> throughput = new HashMap<>();
      for (RunResult run : jmh(ThroughputBenchmark.class, server, quick, false)) {
        int inFlight = Integer.parseInt(run.getParams().getParam("inFlight"));
        Score perOperation = score(run.getPrimaryResult());
        throughput.put(key(run.getParams()) + "/" + inFlight,
            new Score(perOperation.value() * inFlight, perOperation.error() * inFlight));
      }
      Map<String, Long> coldStarts = new HashMap<>();
      for (String transport : TRANSPORTS) {
        for (String mode : List.of("raw", "builder", "guice")) {
          coldStarts.put(transport + "/" + mode, coldStart(mode, transport, server, quick ? 2 : COLD_STARTS));
        }
      }
      Map<String, Map<String, String>> scale = new HashMap<>();
      for (String transport : TRANSPORTS) {
        for (String client : List.of("raw", "priokit")) {
          scale.put(transport + "/" + client, scale(transport, client, slowServer));
        }
      }
      render(report, quick, latency, allocation, throughput, coldStarts, scale);
    }
    System.out.println(report);
    if (out != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report + sectionsOfOtherBenchmarks(out), StandardCharsets.UTF_8);
      System.out.println("Written to " + out.toAbsolutePath().normalize());
    }
  }

  /**
   * The sections other benchmarks wrote to the report (each opened by a {@code <!-- section: … -->}
   * line, such as the Redis budget's), kept as they are: this report rewrites only its own part.
   */
  private static String sectionsOfOtherBenchmarks(Path out) throws IOException {
    if (!Files.exists(out)) {
      return "";
    }
    String existing = Files.readString(out, StandardCharsets.UTF_8);
    int start = existing.indexOf("\n<!-- section: ");
    return start < 0 ? "" : existing.substring(start);
  }

  private static Collection<RunResult> jmh(Class<?> benchmark, BenchServer server, boolean quick, boolean gc)
      throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(benchmark.getName().replace(".", "\\.") + "\\..*")
        .jvmArgsAppend("-D" + BenchTarget.PROPERTY + "=" + server.baseUri())
        .shouldFailOnError(true);
    if (gc) {
      options.addProfiler(GCProfiler.class);
    }
    if (quick) {
      options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
          .measurementIterations(2).measurementTime(TimeValue.seconds(1));
    }
    return new Runner(options.build()).run();
  }

  private static String key(BenchmarkParams params) {
    return params.getParam("transport") + "/" + params.getParam("client");
  }

  private static Score score(Result<?> result) {
    double error = result.getScoreError();
    return new Score(result.getScore(), Double.isNaN(error) ? 0 : error);
  }

  /** The median, over fresh JVMs, of the milliseconds from JVM start to the first successful call. */
  private static long coldStart(String mode, String transport, BenchServer server, int runs) throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      String line = runJava(List.of(ColdStart.class.getName(), mode, transport, server.baseUri().toString()),
          "cold-start-ms");
      millis.add(Long.parseLong(line.split(" ")[1]));
    }
    millis.sort(Long::compare);
    return millis.get(millis.size() / 2);
  }

  private static Map<String, String> scale(String transport, String client, BenchServer server) throws Exception {
    String line = runJava(List.of("-Xmx1g", ScaleHarness.class.getName(), transport, client,
        server.baseUri().toString(), String.valueOf(SCALE_CALLS), String.valueOf(SCALE_POOL)), "scale");
    return keyValues(line);
  }

  /** The pairs of a harness's output line {@code prefix key value key value ...}. */
  static Map<String, String> keyValues(String line) {
    String[] words = line.split(" ");
    Map<String, String> values = new HashMap<>();
    for (int i = 1; i + 1 < words.length; i += 2) {
      values.put(words[i], words[i + 1]);
    }
    return values;
  }

  /** Runs a class in a fresh JVM on this class path and returns its output line with the prefix. */
  static String runJava(List<String> arguments, String prefix) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String found = null;
    StringBuilder all = new StringBuilder();
    try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = output.readLine()) != null; ) {
        all.append(line).append('\n');
        if (line.startsWith(prefix)) {
          found = line;
        }
      }
    }
    if (process.waitFor() != 0 || found == null) {
      throw new IllegalStateException("benchmark JVM failed: " + command + "\n" + all);
    }
    return found;
  }

  private static void render(StringBuilder md, boolean quick, Map<String, Score> latency,
      Map<String, Score> allocation, Map<String, Score> throughput, Map<String, Long> coldStarts,
      Map<String, Map<String, String>> scale) {
    md.append("# priokit benchmarks\n\n");
    md.append("What priokit costs over each HTTP library used by hand, measured side by side in one run. ")
        .append("Ratios are priokit / raw: below 1.00 for time and allocation, or above 1.00 for throughput, ")
        .append("priokit does better.\n\n");
    md.append("- Produced by: `mvn -B -q -Pbench package -DskipTests").append(quick ? " -Dbench.args=--quick" : "")
        .append("` on ").append(LocalDate.now()).append(quick ? " (quick mode: short runs, rough numbers)" : "")
        .append('\n');
    md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(memory()).append(", ").append(cpu()).append(", ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n');
    md.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append('\n');
    md.append("- Server: a Vert.x HTTP server on loopback in the runner's JVM answering `{\"status\":\"OK\",...}`; ")
        .append("the measured JVMs hold only the client. priokit runs with its defaults except the fair-use ")
        .append("limits: no rate limit (1000 a minute, which a benchmark passes at once), and the 4xx guard, ")
        .append("which counts requests in flight, above the calls in flight; raw clients get the same pool size.\n");
    md.append("- Reading the ratios: ± is JMH's 99.9% confidence interval within this run. On a 2-core machine, ")
        .append("where client and server share the cores, a ratio moves by about ±0.10 between full runs of ")
        .append("unchanged code, so one run does not tell 0.95 from 1.00; smaller differences need CPU time per ")
        .append("call measured side by side in fresh JVMs (`CpuPerCall`, in the README).\n\n");

    md.append("## Single-call latency (µs per call, blocking, one at a time; target ratio ≤ 1.05)\n\n");
    md.append("| transport | raw | priokit | ratio |\n| --- | ---: | ---: | ---: |\n");
    for (String transport : TRANSPORTS) {
      row(md, transport, latency.get(transport + "/raw"), latency.get(transport + "/priokit"), "%.1f");
    }
    md.append("\n## Allocation (bytes per call; target ratio ≤ 1.5)\n\n");
    md.append("| transport | raw | priokit | ratio |\n| --- | ---: | ---: | ---: |\n");
    for (String transport : TRANSPORTS) {
      row(md, transport, allocation.get(transport + "/raw"), allocation.get(transport + "/priokit"), "%.0f");
    }
    md.append("\n## Throughput (calls per second through the async methods; target ratio ≥ 0.95)\n\n");
    md.append("| transport | in flight | raw | priokit | ratio |\n| --- | ---: | ---: | ---: | ---: |\n");
    for (String transport : TRANSPORTS) {
      for (int inFlight : IN_FLIGHT) {
        Score raw = throughput.get(transport + "/raw/" + inFlight);
        Score priokit = throughput.get(transport + "/priokit/" + inFlight);
        md.append("| ").append(transport).append(" | ").append(inFlight).append(" | ")
            .append(format("%.0f", raw)).append(" | ").append(format("%.0f", priokit)).append(" | ")
            .append(String.format(Locale.ROOT, "%.2f", priokit.value() / raw.value())).append(" |\n");
      }
    }
    md.append("\n## Cold start (ms from JVM start to the first successful call, median of fresh JVMs; target < 500)\n\n");
    md.append("| transport | raw | priokit, plain builder | priokit, Guice |\n| --- | ---: | ---: | ---: |\n");
    for (String transport : TRANSPORTS) {
      md.append("| ").append(transport).append(" | ").append(coldStarts.get(transport + "/raw")).append(" | ")
          .append(coldStarts.get(transport + "/builder")).append(" | ")
          .append(coldStarts.get(transport + "/guice")).append(" |\n");
    }
    md.append("\n## ").append(String.format(Locale.ROOT, "%,d", SCALE_CALLS))
        .append(" calls in flight at once (server answers after 100 ms; pool of ").append(SCALE_POOL)
        .append(" connections)\n\n");
    md.append("| transport | client | completed | failed | seconds | threads before | threads at peak | heap at peak (MB) |\n")
        .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (String transport : TRANSPORTS) {
      for (String client : List.of("raw", "priokit")) {
        Map<String, String> values = scale.get(transport + "/" + client);
        md.append("| ").append(transport).append(" | ").append(client).append(" | ")
            .append(values.get("completed")).append(" | ").append(values.get("failed")).append(" | ")
            .append(values.get("seconds")).append(" | ").append(values.get("threads-before")).append(" | ")
            .append(values.get("threads-peak")).append(" | ").append(values.get("heap-peak-mb")).append(" |\n");
      }
    }
  }

  private static void row(StringBuilder md, String transport, Score raw, Score priokit, String pattern) {
    md.append("| ").append(transport).append(" | ").append(format(pattern, raw)).append(" | ")
        .append(format(pattern, priokit)).append(" | ")
        .append(String.format(Locale.ROOT, "%.2f", priokit.value() / raw.value())).append(" |\n");
  }

  private static String format(String pattern, Score score) {
    return String.format(Locale.ROOT, pattern + " ± " + pattern, score.value(), score.error());
  }

  private static String memory() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
          .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / (1024 * 1024) + " GiB").findFirst().orElse("? GiB");
    } catch (IOException | RuntimeException unknown) {
      return "? GiB";
    }
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip()).distinct().collect(Collectors.joining(", "));
    } catch (IOException | RuntimeException unknown) {
      return "unknown CPU";
    }
  }
}
