package io.priokit.examples;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.error.ClientErrorException;
import io.priokit.error.ConfigurationException;
import io.priokit.error.DecodingException;
import io.priokit.error.LimitReachedException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.RequestRejectedException;
import io.priokit.error.ServerErrorException;
import io.priokit.error.TransportException;
import io.priokit.error.UnexpectedStatusException;
import io.priokit.simulator.Scenario;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * How an application branches on the error taxonomy: what to tell a user, what to retry later, what
 * to page someone about. It walks a simulator through a few failures and prints the decision made
 * for each.
 */
public final class ErrorHandlingExample {

  private ErrorHandlingExample() {}

  /** @param args none: this example needs the simulator to fail on cue */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    try (Target target = Target.from(new String[0], out);
        PriokitClient client = PriokitClient.builder()
            .environment(target.environment())
            .transport("jdk")
            .retryPolicy(RetryPolicy.none())
            .build()) {
      List<Scenario> scenarios = List.of(Scenario.healthy(), Scenario.failing(429).withRetryAfter(Duration.ofSeconds(30)),
          Scenario.failing(401), Scenario.failing(400), Scenario.failing(503), Scenario.failing(502));
      for (Scenario scenario : scenarios) {
        target.simulator().scenario(scenario);
        out.println(scenario.status() == 200 ? "healthy: " + decide(client) : scenario.status() + ": " + decide(client));
      }
      return 0;
    }
  }

  /** The decision an application makes for the outcome of one call. */
  static String decide(PriokitClient client) {
    try {
      return "up, " + client.status().latency().toMillis() + " ms";
    } catch (LimitReachedException throttled) {
      return "throttled: try again in " + throttled.retryAfter().orElse(Duration.ofMinutes(1)).toSeconds() + " s";
    } catch (AuthenticationFailedException unauthorised) {
      return "credentials rejected: check the client id and secret (reference "
          + unauthorised.errorReference().orElse("none") + ")";
    } catch (ClientErrorException ourMistake) {
      return "our request is wrong, do not retry: " + ourMistake.errorCode().orElse("?") + " "
          + ourMistake.errors();
    } catch (ServerErrorException theirTrouble) {
      return "Prioticket is in trouble" + (theirTrouble.isRetryable() ? ", retry later" : "") + ": "
          + theirTrouble.errorMessage().orElse(theirTrouble.getMessage());
    } catch (UnexpectedStatusException odd) {
      return "unexpected " + odd.statusCode() + " (a proxy?): " + odd.bodyExcerpt();
    } catch (TransportException | PriokitTimeoutException unreachable) {
      return "unreachable: " + unreachable.getMessage();
    } catch (RequestRejectedException heldBack) {
      return "held back to protect our quota; again in " + heldBack.retryAfter().toSeconds() + " s";
    } catch (DecodingException garbled) {
      return "garbled answer: " + garbled.bodyExcerpt();
    } catch (ConfigurationException misconfigured) {
      return "fix the configuration: " + misconfigured.getMessage();
    }
  }
}
