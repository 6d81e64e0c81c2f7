package io.priokit.redis;

import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.observe.BudgetModeChanged;
import io.priokit.observe.PriokitListener;
import io.priokit.spi.BudgetContext;
import io.priokit.spi.FairUseBudget;
import io.priokit.spi.FairUseBudgetFactory;
import io.priokit.spi.TimeSource;
import io.priokit.transport.jdk.JdkHttpTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the Redis budget costs, beside the client's own: the latency it adds to each call (p50 and
 * p99, of the budget alone and of whole calls to a simulator on loopback), and the total throughput of
 * a fleet of four JVMs when the budget is not the limit. Writes its own section of
 * {@code docs/benchmarks.md}, leaving the rest of the file as it is.
 *
 * <p>{@code BudgetCostBenchmark [--out FILE] [--quick]}; run by {@code mvn -B -q -Pbench package
 * -DskipTests} with the other benchmarks. Needs {@code redis-server} on the PATH.
 */
public final class BudgetCostBenchmark {

  private static final String SECTION = "redis-budget";
  /** Limits far above what the benchmark sends: the budget is asked, and never the limit. */
  private static final FairUsePolicy NOT_THE_LIMIT = new FairUsePolicy(10_000, 1_000_000, Duration.ofSeconds(10));
  private static final int FLEET = 4;
  private static final int CALLERS = 16;

  private BudgetCostBenchmark() {}

  /** @param args {@code [--out FILE] [--quick]} */
  public static void main(String[] args) throws Exception {
    Path out = null;
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--quick" -> quick = true;
        default -> throw new IllegalArgumentException("Usage: BudgetCostBenchmark [--out FILE] [--quick]");
      }
    }
    int rounds = quick ? 1 : 3;
    int admissions = quick ? 2_000 : 20_000;
    int calls = quick ? 1_000 : 10_000;
    int seconds = quick ? 5 : 15;
    StringBuilder md = new StringBuilder();
    try (RedisServer redis = RedisServer.start();
        PrioticketSimulator api = PrioticketSimulator.start();
        // A timeout well above any answer: this measures the cost of a Redis that answers.
        RedisFairUse fleet = RedisFairUse.builder().uri(redis.uri()).egress("bench").expectedInstances(FLEET)
            .timeout(Duration.ofSeconds(5)).build()) {
      long[][] budgetAlone = budgetAlone(List.of(FairUseBudgetFactory.local(), fleet), rounds, admissions);
      long[][] wholeCall = wholeCalls(api, List.of(FairUseBudgetFactory.local(), fleet), rounds, calls);
      double localThroughput = fleetThroughput(redis, api, "local", seconds);
      double redisThroughput = fleetThroughput(redis, api, "redis", seconds);
      render(md, quick, budgetAlone, wholeCall, localThroughput, redisThroughput);
    }
    System.out.println(md);
    if (out != null) {
      write(out, md.toString());
      System.out.println("Written to the " + SECTION + " section of " + out.toAbsolutePath().normalize());
    }
  }

  /**
   * Nanoseconds from asking for a permit to holding it, one admission at a time, each settled at once:
   * for each budget, taking turns in blocks so that both see the same machine.
   */
  private static long[][] budgetAlone(List<FairUseBudgetFactory> factories, int rounds, int admissions) {
    try (TimeSource time = TimeSource.system()) {
      List<FairUseBudget> budgets = factories.stream()
          .map(factory -> factory.create(NOT_THE_LIMIT, new BudgetContext("bench/-", time, change -> {
            throw new IllegalStateException("the budget fell back during the benchmark: " + change);
          }))).toList();
      long[][] nanos = takingTurns(budgets.size(), rounds, admissions, which -> admitOnce(budgets.get(which)));
      budgets.forEach(FairUseBudget::close);
      return nanos;
    }
  }

  private static long admitOnce(FairUseBudget budget) {
    long started = System.nanoTime();
    FairUseBudget.Admission admission = budget.admit(Duration.ofSeconds(10), Duration.ofSeconds(10)).join();
    long took = System.nanoTime() - started;
    if (!(admission instanceof FairUseBudget.Granted granted)) {
      throw new IllegalStateException("the budget was the limit after all: " + admission);
    }
    granted.permit().responded(200, Duration.ZERO);
    return took;
  }

  /** Nanoseconds per blocking status call to the simulator, one at a time, for a client on each budget. */
  private static long[][] wholeCalls(PrioticketSimulator api, List<FairUseBudgetFactory> factories, int rounds,
      int calls) {
    List<BudgetModeChanged> fallBacks = new CopyOnWriteArrayList<>();
    List<PriokitClient> clients = factories.stream().map(budget -> PriokitClient.builder()
        .environment(api.environment()).transport(JdkHttpTransport.factory()).fairUse(NOT_THE_LIMIT)
        .fairUseBudget(budget).listener(new PriokitListener() {
          @Override
          public void budgetModeChanged(BudgetModeChanged event) {
            fallBacks.add(event);
          }
        }).build()).toList();
    try {
      long[][] nanos = takingTurns(clients.size(), rounds, calls, which -> {
        long started = System.nanoTime();
        clients.get(which).status();
        return System.nanoTime() - started;
      });
      if (!fallBacks.isEmpty()) {
        throw new IllegalStateException("the budget fell back during the benchmark: " + fallBacks);
      }
      return nanos;
    } finally {
      clients.forEach(PriokitClient::close);
    }
  }

  /** One measurement of one of the contenders. */
  @FunctionalInterface
  private interface Measure {
    long nanos(int which);
  }

  /**
   * Measures each contender {@code count} times per round, in blocks of a hundred taking turns, after a
   * warm-up of a quarter as many: drift of the machine falls on all alike.
   */
  private static long[][] takingTurns(int contenders, int rounds, int count, Measure measure) {
    for (int i = 0; i < count / 4; i++) {
      for (int which = 0; which < contenders; which++) {
        measure.nanos(which);
      }
    }
    long[][] nanos = new long[contenders][rounds * count];
    int block = 100;
    for (int done = 0; done < rounds * count; done += block) {
      for (int which = 0; which < contenders; which++) {
        for (int i = done; i < Math.min(done + block, rounds * count); i++) {
          nanos[which][i] = measure.nanos(which);
        }
      }
    }
    return nanos;
  }

  /** Successful calls per second of four JVMs together, each with many callers, on the given budget. */
  private static double fleetThroughput(RedisServer redis, PrioticketSimulator api, String budget, int seconds)
      throws Exception {
    List<FleetInstance> instances = new ArrayList<>();
    try {
      for (int i = 0; i < FLEET; i++) {
        instances.add(FleetInstance.launch(List.of("mode=calls", "budget=" + budget, "redis=" + redis.uri(),
            "api=" + api.baseUri(), "instances=" + FLEET, "window=" + NOT_THE_LIMIT.window().toMillis(),
            "rate=" + NOT_THE_LIMIT.requestsPerWindow(), "guard=" + NOT_THE_LIMIT.clientErrorsPerWindow(),
            "callers=" + CALLERS, "seconds=" + seconds, "timeout=5000")));
      }
      instances.forEach(instance -> instance.awaitLine("warm", Duration.ofSeconds(60)));
      instances.forEach(FleetInstance::go);
      double total = 0;
      for (FleetInstance instance : instances) {
        if (instance.ended(Duration.ofSeconds(seconds + 60L)) != 0
            || instance.lines.stream().anyMatch(line -> line.startsWith("mode"))) {
          throw new IllegalStateException("fleet instance failed or fell back: " + instance.lines);
        }
        total += instance.throughput();
      }
      return total;
    } finally {
      instances.forEach(FleetInstance::kill);
    }
  }

  private static void render(StringBuilder md, boolean quick, long[][] alone, long[][] calls, double local,
      double redis) {
    md.append("<!-- section: ").append(SECTION).append(" -->\n");
    md.append("## Fleet mode: the Redis budget beside the client's own\n\n");
    md.append("What sharing the fair-use budget through Redis (`priokit-redis`) costs, written by its ")
        .append("`BudgetCostBenchmark`, which `mvn -B -q -Pbench package -DskipTests` runs after the rest (this section ")
        .append("alone, once the other modules are installed: `mvn -B -q -Pbench -pl redis package -DskipTests`). Run on ")
        .append(LocalDate.now()).append(quick ? " in quick mode (rough numbers)" : "").append(", on the machine above: a `redis-server` of ")
        .append("Debian's on loopback, the simulator on loopback (its own socket server), the JDK transport, limits far ")
        .append("above what is sent, so the budget is asked and is never the limit. Each request costs one ")
        .append("round trip to Redis before it goes; how it ended is sent after it without waiting.\n\n");
    md.append("### Added latency per call (µs)\n\n");
    md.append("| measured | budget | p50 | p99 |\n| --- | --- | ---: | ---: |\n");
    latencyRow(md, "asking the budget alone", "local", alone[0]);
    latencyRow(md, "asking the budget alone", "redis", alone[1]);
    latencyRow(md, "a whole blocking call", "local", calls[0]);
    latencyRow(md, "a whole blocking call", "redis", calls[1]);
    md.append(String.format(Locale.ROOT, "| added by Redis to a whole call | | %.0f | %.0f |%n%n",
        (percentile(calls[1], 50) - percentile(calls[0], 50)) / 1e3,
        (percentile(calls[1], 99) - percentile(calls[0], 99)) / 1e3));
    md.append("### A fleet's total throughput (").append(FLEET).append(" JVMs, ").append(CALLERS)
        .append(" async callers each, calls per second)\n\n");
    md.append("| budget | calls/s | ratio |\n| --- | ---: | ---: |\n");
    md.append(String.format(Locale.ROOT, "| local (each JVM its own) | %.0f | 1.00 |%n", local));
    md.append(String.format(Locale.ROOT, "| redis (one for the fleet) | %.0f | %.2f |%n", redis, redis / local));
    md.append("\nTwo cores run the four client JVMs, the simulator and Redis alike, so the fleet's throughput ")
        .append("is bound by the CPU; the ratio is what the budget's round trips cost of it.\n");
    md.append("<!-- end of section: ").append(SECTION).append(" -->\n");
  }

  private static void latencyRow(StringBuilder md, String measured, String budget, long[] nanos) {
    md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f |%n", measured, budget,
        percentile(nanos, 50) / 1e3, percentile(nanos, 99) / 1e3));
  }

  private static double percentile(long[] nanos, int percent) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
  }

  /** Replaces this benchmark's section of the report, or adds it at the end; the rest stays as it is. */
  private static void write(Path out, String section) throws java.io.IOException {
    String existing = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "# priokit benchmarks\n";
    String open = "<!-- section: " + SECTION + " -->";
    String close = "<!-- end of section: " + SECTION + " -->\n";
    int start = existing.indexOf(open);
    String updated = start < 0 ? existing + (existing.endsWith("\n\n") ? "" : "\n") + section
        : existing.substring(0, start) + section + existing.substring(existing.indexOf(close, start) + close.length());
    Files.writeString(out, updated, StandardCharsets.UTF_8);
  }
}
