package io.priokit.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the simulator answers {@code GET /system/ping} and {@code GET /system/status}: healthy, with an
 * error status (a documented one with the API's JSON error body, any other with the HTML page a proxy
 * would send), flapping between up and down, or with a fault of the connection itself. Modifiers add
 * a {@code Retry-After}, a delay before the first byte, or a limit after which the API is healthy
 * again. Immutable; switch scenarios with {@link PrioticketSimulator#scenario(Scenario)} while it
 * runs. {@link #toString()} says what the scenario does in words.
 *
 * <p>Scenarios have a command-line form, read by {@link #parse(String)} and accepted by the
 * simulator's control endpoint: {@code healthy}, {@code 503}, {@code flapping:2s}, {@code reset},
 * {@code hang}, {@code truncated}, {@code drip:100ms}, {@code slow-first-byte:2s}, each optionally
 * followed by {@code ,retry-after=5s}, {@code ,retry-after-date=5s}, {@code ,latency=300ms} and
 * {@code ,times=2}.
 */
public final class Scenario {

  /** What a connection fault does instead of answering. */
  public enum Fault {
    /** Reads the request, then resets the connection (TCP RST) without a response. */
    RESET,
    /** Reads the request and never answers, until the client hangs up or the simulator stops. */
    HANG,
    /** Announces the whole body's length, sends half of it, then closes the connection. */
    TRUNCATED,
    /** Sends the status line and headers at once, then the body one byte per interval. */
    DRIP
  }

  private static final Duration NONE = Duration.ZERO;

  private final int status;
  private final Fault fault;
  private final Duration dripInterval;
  private final Duration flapPeriod;
  private final Duration retryAfter;
  private final boolean retryAfterAsDate;
  private final Duration latency;
  private final int times;

  private Scenario(int status, Fault fault, Duration dripInterval, Duration flapPeriod, Duration retryAfter,
      boolean retryAfterAsDate, Duration latency, int times) {
    this.status = status;
    this.fault = fault;
    this.dripInterval = dripInterval;
    this.flapPeriod = flapPeriod;
    this.retryAfter = retryAfter;
    this.retryAfterAsDate = retryAfterAsDate;
    this.latency = latency;
    this.times = times;
  }

  /**
   * Every call answers 200.
   *
   * @return the healthy scenario
   */
  public static Scenario healthy() {
    return new Scenario(200, null, NONE, null, null, false, NONE, 0);
  }

  /**
   * Every call answers the status: one of the twelve the API documents with its JSON error body
   * ({@code error}, a fresh {@code error_reference}, {@code error_message}, {@code error_description},
   * {@code error_uri}, {@code errors}; a 403 also names a {@code scope}), any other with the HTML page
   * a proxy in front of the API would send.
   *
   * @param status a 4xx or 5xx status
   * @return the failing scenario
   * @throws IllegalArgumentException for a status outside 400 to 599
   */
  public static Scenario failing(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a failure needs a 4xx or 5xx status, not " + status);
    }
    return new Scenario(status, null, NONE, null, null, false, NONE, 0);
  }

  /**
   * Up for a period, then down with 503 for a period, and so on, starting up when set.
   *
   * @param period how long each up and each down phase lasts
   * @return the flapping scenario
   */
  public static Scenario flapping(Duration period) {
    return new Scenario(503, null, NONE, positive("flapping period", period), null, false, NONE, 0);
  }

  /**
   * This scenario in turns with health: 200 OK for a period, then this scenario for a period, and so
   * on, starting up when set. {@code failing(400).flappingEvery(period)} tests what a client does as
   * its requests turn into 4xx responses and back.
   *
   * @param period how long each up and each down phase lasts
   * @return the flapping scenario
   */
  public Scenario flappingEvery(Duration period) {
    return new Scenario(status, fault, dripInterval, positive("flapping period", period), retryAfter, retryAfterAsDate,
        latency, times);
  }

  /**
   * Reads each request, then resets the connection without answering.
   *
   * @return the scenario
   */
  public static Scenario reset() {
    return new Scenario(200, Fault.RESET, NONE, null, null, false, NONE, 0);
  }

  /**
   * Reads each request and never answers, until the client hangs up or the simulator stops.
   *
   * @return the scenario
   */
  public static Scenario hang() {
    return new Scenario(200, Fault.HANG, NONE, null, null, false, NONE, 0);
  }

  /**
   * Announces a body's full length and closes the connection halfway through it. Ping, which has no
   * body of its own, is sent status's body so that there is something to cut.
   *
   * @return the scenario
   */
  public static Scenario truncated() {
    return new Scenario(200, Fault.TRUNCATED, NONE, null, null, false, NONE, 0);
  }

  /**
   * Sends status line and headers at once, then the body one byte per interval (ping, too, gets
   * status's body). The whole answer is complete, only slow: a client's call timeout must cover it.
   *
   * @param interval the pause before each byte of the body
   * @return the scenario
   */
  public static Scenario drip(Duration interval) {
    return new Scenario(200, Fault.DRIP, positive("drip interval", interval), null, null, false, NONE, 0);
  }

  /**
   * A healthy answer whose first byte comes only after the delay: the same as
   * {@code healthy().withLatency(delay)}, named for the fault it simulates.
   *
   * @param delay how long the server stays silent before answering
   * @return the scenario
   */
  public static Scenario slowFirstByte(Duration delay) {
    return healthy().withLatency(delay);
  }

  /**
   * This scenario, with its error answers carrying {@code Retry-After} in seconds.
   *
   * @param wait the wait to ask for, whole seconds (a fraction is dropped)
   * @return the changed scenario
   */
  public Scenario withRetryAfter(Duration wait) {
    return new Scenario(status, fault, dripInterval, flapPeriod, notNegative("retry-after", wait), false,
        latency, times);
  }

  /**
   * This scenario, with its error answers carrying {@code Retry-After} as an HTTP-date that lies the
   * wait after the moment of the answer.
   *
   * @param wait how far after the answer the date lies
   * @return the changed scenario
   */
  public Scenario withRetryAfterDate(Duration wait) {
    return new Scenario(status, fault, dripInterval, flapPeriod, notNegative("retry-after-date", wait), true,
        latency, times);
  }

  /**
   * This scenario, answering each request only after a delay (time to first byte).
   *
   * @param delay the delay before the status line
   * @return the changed scenario
   */
  public Scenario withLatency(Duration delay) {
    return new Scenario(status, fault, dripInterval, flapPeriod, retryAfter, retryAfterAsDate,
        notNegative("latency", delay), times);
  }

  /**
   * This scenario for the next {@code count} ping and status requests only; healthy after them. A
   * 503 for two requests, say, lets a test see a call succeed at its third attempt.
   *
   * @param count how many requests the scenario answers, at least 1
   * @return the changed scenario
   */
  public Scenario times(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("times must be at least 1, not " + count);
    }
    return new Scenario(status, fault, dripInterval, flapPeriod, retryAfter, retryAfterAsDate, latency, count);
  }

  /**
   * The status answered by this scenario's error answers, or 200 when it has none.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The connection fault of this scenario, or {@code null} when it answers normally.
   *
   * @return the fault or {@code null}
   */
  public Fault fault() {
    return fault;
  }

  /**
   * The delay before each answer's first byte.
   *
   * @return the latency, zero by default
   */
  public Duration latency() {
    return latency;
  }

  Duration dripInterval() {
    return dripInterval;
  }

  Duration retryAfter() {
    return retryAfter;
  }

  boolean retryAfterAsDate() {
    return retryAfterAsDate;
  }

  /** Whether the request numbered {@code served} (from 1) since the scenario was set, at this time, is answered by it. */
  boolean appliesTo(int served, Duration sinceSet) {
    if (times > 0 && served > times) {
      return false;
    }
    return flapPeriod == null || (sinceSet.toNanos() / flapPeriod.toNanos()) % 2 == 1;
  }

  /** Whether the scenario answers with an error status (rather than 200 or a fault). */
  boolean isError() {
    return status != 200 && fault == null;
  }

  /**
   * Reads a scenario in its command-line form, such as {@code 503,retry-after=5s,times=2}.
   *
   * @param text the form described in the class comment
   * @return the scenario
   * @throws IllegalArgumentException naming what cannot be read
   */
  public static Scenario parse(String text) {
    String[] parts = Objects.requireNonNull(text, "text").strip().split(",");
    String head = parts[0].strip().toLowerCase(Locale.ROOT);
    Scenario scenario = base(head);
    for (int i = 1; i < parts.length; i++) {
      String[] option = parts[i].strip().split("=", 2);
      if (option.length != 2) {
        throw new IllegalArgumentException("expected name=value after the scenario, not " + parts[i]);
      }
      scenario = switch (option[0].strip()) {
        case "retry-after" -> scenario.withRetryAfter(durationOf(option[1]));
        case "retry-after-date" -> scenario.withRetryAfterDate(durationOf(option[1]));
        case "latency" -> scenario.withLatency(durationOf(option[1]));
        case "times" -> scenario.times(numberOf("times", option[1]));
        default -> throw new IllegalArgumentException("unknown scenario option " + option[0]
            + " (use retry-after, retry-after-date, latency or times)");
      };
    }
    return scenario;
  }

  private static Scenario base(String head) {
    if (head.startsWith("flapping:")) {
      return flapping(durationOf(head.substring("flapping:".length())));
    }
    if (head.startsWith("drip:")) {
      return drip(durationOf(head.substring("drip:".length())));
    }
    if (head.startsWith("slow-first-byte:")) {
      return slowFirstByte(durationOf(head.substring("slow-first-byte:".length())));
    }
    return switch (head) {
      case "healthy" -> healthy();
      case "reset" -> reset();
      case "hang" -> hang();
      case "truncated" -> truncated();
      default -> {
        if (!head.matches("\\d{3}")) {
          throw new IllegalArgumentException("unknown scenario " + head + " (use healthy, a status such as 503,"
              + " flapping:2s, reset, hang, truncated, drip:100ms or slow-first-byte:2s)");
        }
        yield failing(Integer.parseInt(head));
      }
    };
  }

  /**
   * Reads a duration as people write it ({@code 300ms}, {@code 5s}, {@code 2m}) or in ISO-8601
   * ({@code PT5S}).
   */
  static Duration durationOf(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      if (value.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      if (value.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      }
    } catch (NumberFormatException | java.time.format.DateTimeParseException unreadable) {
      throw new IllegalArgumentException("not a duration: " + text + " (use 300ms, 5s, 2m or PT5S)", unreadable);
    }
    throw new IllegalArgumentException("a duration needs a unit: " + text + " (use 300ms, 5s, 2m or PT5S)");
  }

  private static int numberOf(String name, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(name + " must be a number, not " + text, notANumber);
    }
  }

  private static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
    return value;
  }

  private static Duration notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, not " + value);
    }
    return value;
  }

  /**
   * What the scenario does, in words, such as {@code ping and status answer 503 SERVICE_UNAVAILABLE
   * with the API's JSON error body and Retry-After: 5 (seconds)}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    StringBuilder words = new StringBuilder("ping and status ");
    if (fault != null) {
      words.append(switch (fault) {
        case RESET -> "reset the connection without answering";
        case HANG -> "never answer";
        case TRUNCATED -> "close the connection halfway through the body";
        case DRIP -> "answer 200 with the body sent one byte every " + words(dripInterval);
      });
    } else if (status == 200) {
      words.append("answer 200 OK");
    } else {
      String what = ErrorBodies.isDocumented(status)
          ? status + " " + ErrorBodies.code(status) + " with the API's JSON error body"
          : status + " with a proxy's HTML page";
      words.append(flapPeriod == null ? "answer " + what
          : "flap: 200 OK for " + words(flapPeriod) + ", then " + what + " for " + words(flapPeriod) + ", and so on");
    }
    if (retryAfter != null) {
      words.append(retryAfterAsDate ? " and Retry-After as the HTTP-date " + words(retryAfter) + " ahead"
          : " and Retry-After: " + retryAfter.toSeconds() + " (seconds)");
    }
    if (!latency.isZero()) {
      words.append(", after ").append(words(latency)).append(" of silence");
    }
    if (times > 0) {
      words.append(", for the next ").append(times).append(times == 1 ? " request" : " requests")
          .append("; 200 OK after that");
    }
    return words.toString();
  }

  private static String words(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Scenario that && status == that.status && fault == that.fault
        && dripInterval.equals(that.dripInterval) && Objects.equals(flapPeriod, that.flapPeriod)
        && Objects.equals(retryAfter, that.retryAfter) && retryAfterAsDate == that.retryAfterAsDate
        && latency.equals(that.latency) && times == that.times;
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, fault, dripInterval, flapPeriod, retryAfter, retryAfterAsDate, latency, times);
  }
}
