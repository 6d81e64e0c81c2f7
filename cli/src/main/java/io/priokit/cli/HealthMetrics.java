package io.priokit.cli;

import io.priokit.system.Health;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the exporter has seen, as Prometheus metrics per check ({@code ping}, {@code status}) and
 * transport: up, a latency histogram of successful checks, the last HTTP status, attempts, checks and
 * errors by type. Rendered in the Prometheus text format, version 0.0.4.
 */
final class HealthMetrics {

  /** Upper bounds of the latency buckets, in seconds: from a loopback answer to a slow API. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final String transport;
  private final String target;
  private final String version;
  private final Map<String, CheckSeries> checks = new LinkedHashMap<>();
  private Health health;

  /** The series of one check. */
  private static final class CheckSeries {
    final long[] bucketCounts = new long[BUCKETS.length];
    double latencySum;
    long latencyCount;
    long checks;
    long attempts;
    final Map<String, Long> errors = new TreeMap<>();
    boolean up;
    int lastStatus;
    double lastCheckSeconds;
  }

  HealthMetrics(String transport, String target, String version) {
    this.transport = transport;
    this.target = target;
    this.version = version;
    for (String check : List.of("ping", "status")) {
      checks.put(check, new CheckSeries());
    }
  }

  /** Adds one round's results and the health they amount to. */
  synchronized void record(List<CheckResult> round, Health overall) {
    for (CheckResult result : round) {
      CheckSeries series = checks.get(result.check());
      series.checks++;
      series.attempts += result.attempts();
      series.up = result.healthy();
      series.lastStatus = result.httpStatus();
      series.lastCheckSeconds = result.finishedAt().toEpochMilli() / 1000.0;
      if (result.healthy()) {
        double seconds = result.answer().latency().toNanos() / 1e9;
        series.latencySum += seconds;
        series.latencyCount++;
        for (int i = 0; i < BUCKETS.length; i++) {
          if (seconds <= BUCKETS[i]) {
            series.bucketCounts[i]++;
          }
        }
      } else {
        series.errors.merge(result.failure().getClass().getSimpleName(), 1L, Long::sum);
      }
    }
    health = overall;
  }

  /** The metrics in the Prometheus text format. */
  synchronized String render() {
    StringBuilder text = new StringBuilder();
    family(text, "priokit_health_info", "gauge", "The checked API and how: target, transport and version.");
    text.append("priokit_health_info{target=\"").append(escape(target)).append("\",transport=\"").append(transport)
        .append("\",version=\"").append(escape(version)).append("\"} 1\n");
    family(text, "priokit_health_state", "gauge",
        "The API's health from the last round: 1 for the state it is in (UP, DEGRADED or DOWN), else 0.");
    for (Health state : Health.values()) {
      text.append("priokit_health_state{state=\"").append(state).append("\"} ").append(state == health ? 1 : 0)
          .append('\n');
    }
    family(text, "priokit_up", "gauge", "Whether the check's last call succeeded (1) or not (0).");
    each(text, "priokit_up", series -> series.up ? "1" : "0");
    family(text, "priokit_last_http_status", "gauge", "The HTTP status of the check's last call, 0 if none came back.");
    each(text, "priokit_last_http_status", series -> String.valueOf(series.lastStatus));
    family(text, "priokit_last_check_timestamp_seconds", "gauge", "When the check last ended, in Unix time.");
    each(text, "priokit_last_check_timestamp_seconds", series -> number(series.lastCheckSeconds));
    family(text, "priokit_checks_total", "counter", "Checks made.");
    each(text, "priokit_checks_total", series -> String.valueOf(series.checks));
    family(text, "priokit_check_attempts_total", "counter", "Attempts the checks took, retries included.");
    each(text, "priokit_check_attempts_total", series -> String.valueOf(series.attempts));
    family(text, "priokit_check_errors_total", "counter", "Failed checks, by the type of their error.");
    checks.forEach((check, series) -> series.errors.forEach((type, count) -> text.append("priokit_check_errors_total{")
        .append(labels(check)).append(",type=\"").append(type).append("\"} ").append(count).append('\n')));
    family(text, "priokit_check_latency_seconds", "histogram", "Round trip of successful checks, in seconds.");
    checks.forEach((check, series) -> {
      for (int i = 0; i < BUCKETS.length; i++) {
        text.append("priokit_check_latency_seconds_bucket{").append(labels(check)).append(",le=\"")
            .append(number(BUCKETS[i])).append("\"} ").append(series.bucketCounts[i]).append('\n');
      }
      text.append("priokit_check_latency_seconds_bucket{").append(labels(check)).append(",le=\"+Inf\"} ")
          .append(series.latencyCount).append('\n');
      text.append("priokit_check_latency_seconds_sum{").append(labels(check)).append("} ")
          .append(number(series.latencySum)).append('\n');
      text.append("priokit_check_latency_seconds_count{").append(labels(check)).append("} ")
          .append(series.latencyCount).append('\n');
    });
    return text.toString();
  }

  private void each(StringBuilder text, String name, java.util.function.Function<CheckSeries, String> value) {
    checks.forEach((check, series) -> text.append(name).append('{').append(labels(check)).append("} ")
        .append(value.apply(series)).append('\n'));
  }

  private String labels(String check) {
    return "check=\"" + check + "\",transport=\"" + transport + "\"";
  }

  private static void family(StringBuilder text, String name, String type, String help) {
    text.append("# HELP ").append(name).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
