package io.priokit.examples.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulator answers {@code /system/ping} and {@code /system/status}: healthy, failing with a
 * documented status (and a realistic error body) or any other 4xx or 5xx (with an HTML page, as a
 * proxy would), or flapping between up and down; with added latency and a {@code Retry-After} if
 * wanted. Immutable: switch scenarios with
 * {@link PrioticketSimulator#scenario(Scenario)} while it runs.
 *
 * @param failureStatus the status failures answer with (0 for a healthy scenario)
 * @param retryAfter the {@code Retry-After} sent with failures, or {@code null}
 * @param latency the delay added before every answer
 * @param flapPeriod for flapping: how long each up and each down phase lasts, or {@code null}
 */
public record Scenario(int failureStatus, Duration retryAfter, Duration latency, Duration flapPeriod) {

  /** Checks the values. */
  public Scenario {
    if (failureStatus != 0 && (failureStatus < 400 || failureStatus > 599)) {
      throw new IllegalArgumentException("a failure needs a 4xx or 5xx status, not " + failureStatus);
    }
    Objects.requireNonNull(latency, "latency");
  }

  /** Every call answers 200. */
  public static Scenario healthy() {
    return new Scenario(0, null, Duration.ZERO, null);
  }

  /**
   * Every call answers the status: a documented one with a realistic JSON error body, any other
   * with the HTML page a proxy would send.
   */
  public static Scenario failing(int status) {
    return new Scenario(status, null, Duration.ZERO, null);
  }

  /** Up for a period, then down with 503 for a period, and so on, starting up. */
  public static Scenario flapping(Duration period) {
    return new Scenario(503, null, Duration.ZERO, Objects.requireNonNull(period, "period"));
  }

  /** This scenario, with failures asking the caller to wait. */
  public Scenario withRetryAfter(Duration wait) {
    return new Scenario(failureStatus, wait, latency, flapPeriod);
  }

  /** This scenario, answering after a delay. */
  public Scenario withLatency(Duration delay) {
    return new Scenario(failureStatus, retryAfter, delay, flapPeriod);
  }

  /** Whether a request at this moment (measured from when the scenario was set) is answered with a failure. */
  boolean failsAt(Duration sinceSet) {
    if (failureStatus == 0) {
      return false;
    }
    return flapPeriod == null || (sinceSet.toNanos() / flapPeriod.toNanos()) % 2 == 1;
  }

  /**
   * A scenario by name, for the command line: {@code healthy}, {@code flapping:2s}, or a status such
   * as {@code 503}, optionally followed by {@code ,retry-after=5s} and {@code ,latency=300ms}.
   */
  public static Scenario parse(String text) {
    String[] parts = text.strip().split(",");
    String head = parts[0];
    Scenario scenario = head.equals("healthy") ? healthy()
        : head.startsWith("flapping:") ? flapping(durationOf(head.substring("flapping:".length())))
        : failing(Integer.parseInt(head));
    for (int i = 1; i < parts.length; i++) {
      String[] option = parts[i].split("=", 2);
      if (option.length != 2) {
        throw new IllegalArgumentException("expected name=value, not " + parts[i]);
      }
      scenario = switch (option[0]) {
        case "retry-after" -> scenario.withRetryAfter(durationOf(option[1]));
        case "latency" -> scenario.withLatency(durationOf(option[1]));
        default -> throw new IllegalArgumentException("unknown scenario option " + option[0]);
      };
    }
    return scenario;
  }

  private static Duration durationOf(String text) {
    String value = text.strip();
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    if (value.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    return Duration.parse(value);
  }
}
