package io.priokit.examples.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priokit.ClientCredentials;
import io.priokit.Environment;
import io.priokit.PriokitClient;
import io.priokit.error.ConfigurationException;
import io.priokit.error.PriokitException;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.system.HealthResponse;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code priokit-health}: checks {@code /system/ping} and {@code /system/status} of a Prioticket
 * environment or any base URI, for a cron job, a container probe or a person at a terminal. See
 * {@link #HELP} for the options and exit statuses.
 */
public final class HealthCommand {

  static final String HELP = """
      Usage: priokit-health [--env NAME | --base-uri URI] [options]

      Checks the Prioticket Distributor API: GET /system/ping, then GET /system/status.
      With no target, it starts a local Prioticket simulator and checks that.

      Target:
        --env NAME             production, sandbox, staging or internal
        --base-uri URI         any base URI, such as http://localhost:8080/v3.8/distributor

      Options:
        --transport NAME       jdk (default), apache or vertx
        --client-id ID         OAuth2 client id; default $PRIOTICKET_CLIENT_ID
        --client-secret SECRET OAuth2 client secret; default $PRIOTICKET_CLIENT_SECRET
                               (prefer the variable: options show up in process lists)
        --timeout DURATION     overall deadline of each check, retries included: 4s, 500ms, 1m
                               or ISO-8601 such as PT4S; default 10s
        --json                 print one JSON object per check: check, target, transport, healthy,
                               latency_ms, attempts, and on failure error_type, http_status, error,
                               error_reference, message
        --watch INTERVAL       keep checking every INTERVAL and print each change of state
        --count N              with --watch, stop after N rounds
        --help                 print this help

      Exit status (of the last round):
        0   healthy
        1   the API answered with an error
        2   the API could not be reached, or did not answer in time
        64  the command line cannot run
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private HealthCommand() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Runs the command.
   *
   * @param args the command line
   * @param environmentVariables where credentials come from when the options do not give them
   * @param out where results go
   * @param err where notices and usage errors go
   * @return the exit status
   */
  static int run(String[] args, Map<String, String> environmentVariables, PrintStream out, PrintStream err)
      throws Exception {
    HealthOptions options;
    try {
      options = HealthOptions.parse(args, environmentVariables);
    } catch (HealthOptions.UsageException usage) {
      err.println("priokit-health: " + usage.getMessage());
      err.println("Try --help.");
      return CheckResult.USAGE;
    }
    if (options.help()) {
      out.print(HELP);
      return CheckResult.HEALTHY;
    }
    if (options.environment() != null) {
      return check(options, options.environment(), out, err);
    }
    try (PrioticketSimulator simulator = PrioticketSimulator.start()) {
      err.println("No target given: checking a local Prioticket simulator at " + simulator.baseUri());
      return check(options, simulator.environment(), out, err);
    }
  }

  private static int check(HealthOptions options, Environment target, PrintStream out, PrintStream err)
      throws InterruptedException {
    PriokitClient.Builder builder = PriokitClient.builder()
        .environment(target)
        .transport(options.transport())
        .deadline(options.timeout())
        .callTimeout(options.timeout().compareTo(Duration.ofSeconds(60)) < 0 ? options.timeout() : Duration.ofSeconds(60))
        .appName("priokit-health");
    if (options.clientId() != null) {
      builder.credentials(ClientCredentials.of(options.clientId(), options.clientSecret()));
    }
    PriokitClient client;
    try {
      client = builder.build();
    } catch (ConfigurationException cannotRun) {
      err.println("priokit-health: " + cannotRun.getMessage());
      return CheckResult.USAGE;
    }
    try (client) {
      Map<String, String> lastStates = new HashMap<>();
      int exit = CheckResult.HEALTHY;
      for (int round = 1; ; round++) {
        List<CheckResult> results = List.of(
            check("ping", client::ping, target, options),
            check("status", client::status, target, options));
        exit = results.stream().mapToInt(CheckResult::exitStatus).max().orElse(CheckResult.HEALTHY);
        for (CheckResult result : results) {
          if (options.watch() == null || !result.state().equals(lastStates.put(result.check(), result.state()))) {
            out.println(options.json() ? json(result) : result.line());
          }
        }
        out.flush();
        if (options.watch() == null || round == options.count()) {
          return exit;
        }
        Thread.sleep(options.watch().toMillis());
      }
    }
  }

  private static CheckResult check(String name, Supplier<? extends HealthResponse> call, Environment target,
      HealthOptions options) {
    String base = target.baseUri().toString();
    try {
      return new CheckResult(name, base, options.transport(), call.get(), null);
    } catch (PriokitException failure) {
      return new CheckResult(name, base, options.transport(), null, failure);
    }
  }

  private static String json(CheckResult result) {
    try {
      return JSON.writeValueAsString(result.json());
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("a map of strings and numbers is always JSON", impossible);
    }
  }
}
