package io.priokit.system;

import io.priokit.error.ApiException;
import io.priokit.error.PriokitException;
import io.priokit.spi.TransportFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API's health for a health endpoint that must answer quickly (Spring Boot's actuator, a
 * MicroProfile readiness probe): the answer of a recent {@code GET /system/status}, refreshed in the
 * background once it is older than {@code refreshAfter}. A caller waits for a refresh at most
 * {@code timeout}, then gets the previous answer (or, before the first, an unknown one), while the
 * check runs on to its end and serves the next caller. Free of any framework: each integration wraps
 * it in its own type.
 *
 * <pre>{@code
 * StatusCheck check = new StatusCheck(client.async(), client.transportName(), Duration.ofSeconds(2),
 *     Duration.ofSeconds(10), Clock.systemUTC());
 * StatusCheck.Result result = check.current();   // never waits longer than 2 s
 * }</pre>
 */
public final class StatusCheck {

  private final AsyncSystemHealth api;
  private final String transport;
  private final Duration timeout;
  private final Duration refreshAfter;
  private final Clock clock;
  private volatile Result last;
  private CompletableFuture<Result> running;

  /**
   * A check of the API that a client calls.
   *
   * @param api the client's asynchronous calls ({@code client.async()})
   * @param transport the client's transport name, reported in the details
   * @param timeout the longest a caller waits for a refresh
   * @param refreshAfter how long an answer is given before a new check is made
   * @param clock the clock answers are dated and aged by
   */
  public StatusCheck(AsyncSystemHealth api, String transport, Duration timeout, Duration refreshAfter, Clock clock) {
    this.api = Objects.requireNonNull(api, "api");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.refreshAfter = Objects.requireNonNull(refreshAfter, "refreshAfter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The latest answer, refreshing it first, within the timeout, when it is old or missing.
   *
   * @return the answer: of a recent check, of the one just made, or the previous (else unknown) one
   *     when the check could not end within the timeout
   */
  public Result current() {
    Result seen = last;
    if (seen != null && seen.checkedAt().plus(refreshAfter).isAfter(clock.instant())) {
      return seen;
    }
    CompletableFuture<Result> refresh = refresh();
    try {
      return refresh.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      return seen != null ? seen : Result.unknown(clock.instant(), "no answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return seen != null ? seen : Result.unknown(clock.instant(), "interrupted while waiting for the check");
    } catch (ExecutionException impossible) {
      // The refresh turns every failure into a result.
      throw new IllegalStateException(impossible.getCause());
    }
  }

  /** Starts a check unless one is running; the result becomes {@link #last} when it ends. */
  private synchronized CompletableFuture<Result> refresh() {
    if (running == null || running.isDone()) {
      CompletableFuture<SystemStatus> call;
      try {
        call = api.status();
      } catch (RuntimeException cannotStart) {
        call = CompletableFuture.failedFuture(cannotStart);
      }
      running = call.handle(this::toResult).whenComplete((result, impossible) -> last = result);
    }
    return running;
  }

  private Result toResult(SystemStatus status, Throwable failure) {
    Instant now = clock.instant();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("checkedAt", now.toString());
    details.put("transport", transport);
    if (failure == null) {
      details.put("httpStatus", (long) status.statusCode());
      details.put("latencyMs", status.latency().toMillis());
      details.put("attempts", (long) status.attempts());
      return new Result(Result.State.UP, now, details);
    }
    Throwable cause = TransportFailure.unwrap(failure);
    details.put("errorType", cause.getClass().getSimpleName());
    if (cause instanceof PriokitException priokit) {
      details.put("attempts", (long) priokit.attempts());
      details.put("message", priokit.getMessage());
    }
    if (cause instanceof ApiException answered) {
      details.put("httpStatus", (long) answered.statusCode());
      answered.errorCode().ifPresent(code -> details.put("errorCode", code));
      answered.errorReference().ifPresent(reference -> details.put("errorReference", reference));
    }
    return new Result(Result.State.DOWN, now, details);
  }

  /**
   * One answer.
   *
   * @param state UP, DOWN, or UNKNOWN before any check ended
   * @param checkedAt when the check ended
   * @param details what a health endpoint reports beside the state: strings and longs only (what
   *     every health format carries), never a secret (messages of priokit's failures are scrubbed)
   */
  public record Result(State state, Instant checkedAt, Map<String, Object> details) {

    /** What the API's health was seen to be. */
    public enum State {
      /** The status call succeeded. */
      UP,
      /** The status call failed. */
      DOWN,
      /** No check has ended yet. */
      UNKNOWN
    }

    /**
     * Keeps the details as given, unmodifiable.
     *
     * @param state UP, DOWN, or UNKNOWN before any check ended
     * @param checkedAt when the check ended
     * @param details what a health endpoint reports beside the state
     */
    public Result {
      details = Collections.unmodifiableMap(details);
    }

    static Result unknown(Instant now, String why) {
      return new Result(State.UNKNOWN, now, Map.of("message", why));
    }
  }
}
