package io.priokit.spring.boot;

import io.priokit.PriokitClient;
import io.priokit.error.ApiException;
import io.priokit.error.PriokitException;
import io.priokit.spi.TransportFailure;
import io.priokit.system.SystemStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API's health for an indicator that must answer quickly: the answer of a recent
 * {@code GET /system/status}, refreshed in the background once it is older than {@code refreshAfter}.
 * A caller waits for a refresh at most {@code timeout}, then gets the previous answer (or, before the
 * first, an unknown one), while the check runs on to its end and serves the next caller. Free of any
 * framework, so each Spring Boot line's indicator wraps it in its own type (priokit-spring-boot3-starter's
 * too); priokit-microprofile-health has the same class, since integrations depend on core, never on
 * each other.
 */
public final class StatusCheck {

  private final PriokitClient client;
  private final Duration timeout;
  private final Duration refreshAfter;
  private final Clock clock;
  private volatile Result last;
  private CompletableFuture<Result> running;

  /**
   * A check of the client's API.
   *
   * @param client the client to check with
   * @param timeout the longest a caller waits for a refresh
   * @param refreshAfter how long an answer is given before a new check is made
   * @param clock the clock answers are dated and aged by
   */
  public StatusCheck(PriokitClient client, Duration timeout, Duration refreshAfter, Clock clock) {
    this.client = client;
    this.timeout = timeout;
    this.refreshAfter = refreshAfter;
    this.clock = clock;
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
        call = client.async().status();
      } catch (RuntimeException cannotStart) {
        call = CompletableFuture.failedFuture(cannotStart);
      }
      running = call.handle(this::toResult).whenComplete((result, impossible) -> last = result);
    }
    return running;
  }

  private Result toResult(SystemStatus status, Throwable failure) {
    Instant now = clock.instant();
    if (failure == null) {
      return new Result(Result.State.UP, now, details(now, status));
    }
    Throwable cause = TransportFailure.unwrap(failure);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("checkedAt", now.toString());
    details.put("transport", client.transportName());
    details.put("errorType", cause.getClass().getSimpleName());
    if (cause instanceof PriokitException priokit) {
      details.put("attempts", (long) priokit.attempts());
      details.put("message", priokit.getMessage());
    }
    if (cause instanceof ApiException api) {
      details.put("httpStatus", (long) api.statusCode());
      api.errorCode().ifPresent(code -> details.put("errorCode", code));
      api.errorReference().ifPresent(reference -> details.put("errorReference", reference));
    }
    return new Result(Result.State.DOWN, now, details);
  }

  private Map<String, Object> details(Instant now, SystemStatus status) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("checkedAt", now.toString());
    details.put("transport", client.transportName());
    details.put("httpStatus", (long) status.statusCode());
    details.put("latencyMs", status.latency().toMillis());
    details.put("attempts", (long) status.attempts());
    return details;
  }

  /**
   * One answer.
   *
   * @param state UP, DOWN, or UNKNOWN before any check ended
   * @param checkedAt when the check ended
   * @param details what the indicator reports beside the state: strings and longs only (what every
   *     health format carries), never a secret (messages of priokit's failures are scrubbed)
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
     * Keeps the details as given.
     *
     * @param state UP, DOWN, or UNKNOWN before any check ended
     * @param checkedAt when the check ended
     * @param details what the indicator reports beside the state
     */
    public Result {
      details = java.util.Collections.unmodifiableMap(details);
    }

    static Result unknown(Instant now, String why) {
      return new Result(State.UNKNOWN, now, Map.of("message", why));
    }
  }
}
