package io.priokit.cli;

import io.priokit.PriokitClient;
import io.priokit.error.FailureContext;
import io.priokit.error.PriokitException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.system.HealthResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One round of checks, ping then status, within one time budget: what the status check gets is what
 * the ping check left, so that {@code --timeout 4s} bounds the round, not each check.
 */
final class CheckRound {

  private final PriokitClient client;
  private final URI target;
  private final Duration budget;
  private final Clock clock;

  CheckRound(PriokitClient client, URI target, Duration budget, Clock clock) {
    this.client = client;
    this.target = target;
    this.budget = budget;
    this.clock = clock;
  }

  /** Runs both checks. */
  List<CheckResult> run() throws InterruptedException {
    long deadline = System.nanoTime() + budget.toNanos();
    CheckResult ping = check("ping", () -> client.async().ping(), deadline);
    CheckResult status = check("status", () -> client.async().status(), deadline);
    return List.of(ping, status);
  }

  private CheckResult check(String name, Supplier<CompletableFuture<? extends HealthResponse>> call, long deadline)
      throws InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return failed(name, outOfTime(name, 0));
    }
    CompletableFuture<? extends HealthResponse> answer = call.get();
    try {
      return new CheckResult(name, target, client.transportName(), answer.get(left, TimeUnit.NANOSECONDS), null,
          clock.instant());
    } catch (TimeoutException pastBudget) {
      // Cancelling stops the call's retries and aborts its exchange.
      answer.cancel(true);
      return failed(name, outOfTime(name, 1));
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof PriokitException failure) {
        return failed(name, failure);
      }
      throw new IllegalStateException("a priokit call failed outside its taxonomy", failed.getCause());
    } catch (InterruptedException interrupted) {
      answer.cancel(true);
      throw interrupted;
    }
  }

  private PriokitTimeoutException outOfTime(String name, int attempts) {
    return new PriokitTimeoutException(PriokitTimeoutException.Kind.DEADLINE, budget, null,
        new FailureContext("GET " + target + "/system/" + name, null, attempts, false));
  }

  private CheckResult failed(String name, PriokitException failure) {
    return new CheckResult(name, target, client.transportName(), null, failure, clock.instant());
  }
}
