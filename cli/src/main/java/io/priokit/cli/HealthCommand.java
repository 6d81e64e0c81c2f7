package io.priokit.cli;

import io.priokit.ClientCredentials;
import io.priokit.Environment;
import io.priokit.PriokitClient;
import io.priokit.error.ConfigurationException;
import io.priokit.simulator.PrioticketSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code priokit-health}: checks {@code /system/ping} and {@code /system/status} of a Prioticket
 * environment or any base URI, for a cron job, a container probe or a person at a terminal.
 */
@Command(name = "priokit-health", mixinStandardHelpOptions = true, versionProvider = HealthCommand.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Checks the Prioticket Distributor API: GET /system/ping, then GET /system/status.",
        "Give a target: --env, --base-uri, or --simulator to try it against an embedded simulator."},
    exitCodeListHeading = "%nExit status (of the last round):%n",
    exitCodeList = {"0:healthy", "1:the API answered with an error",
        "2:the API could not be reached, or did not answer in time", "64:the command line cannot run"})
final class HealthCommand implements Callable<Integer> {

  private static final Set<String> TRANSPORTS = Set.of("jdk", "apache", "vertx");

  /** Where to send the checks: exactly one of these. */
  static final class Target {
    @Option(names = "--env", paramLabel = "NAME", description = "production, sandbox, staging or internal")
    String environment;

    @Option(names = "--base-uri", paramLabel = "URI",
        description = "any base URI, such as http://localhost:8080/v3.8/distributor")
    String baseUri;

    @Option(names = "--simulator", description = "start an embedded Prioticket simulator and check that")
    boolean simulator;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Target:%n")
  Target target;

  @Option(names = "--transport", paramLabel = "NAME", defaultValue = "jdk",
      description = "jdk (default), apache or vertx")
  String transport;

  @Option(names = "--client-id", paramLabel = "ID", description = "OAuth2 client id; default $PRIOTICKET_CLIENT_ID")
  String clientId;

  @Option(names = "--client-secret", paramLabel = "SECRET",
      description = {"OAuth2 client secret; default $PRIOTICKET_CLIENT_SECRET",
          "(prefer the variable: options show up in process lists)"})
  String clientSecret;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = {"the time a round of checks (ping and status, retries included) may take:",
          "4s, 500ms, 1m or ISO-8601 such as PT4S; default 10s"})
  Duration timeout;

  @Option(names = "--json", description = {"print one JSON object per check: check, target, transport, healthy,",
      "latency_ms, attempts, and on failure error_type, http_status, error,", "error_reference, message"})
  boolean json;

  @Option(names = "--watch", paramLabel = "INTERVAL", converter = DurationConverter.class,
      description = "keep checking every INTERVAL and print each change of state, with its time")
  Duration watch;

  @Option(names = "--count", paramLabel = "N", description = "with --watch, stop after N rounds")
  Integer count;

  @Option(names = "--allow-plaintext", description = "allow http:// to a host other than loopback")
  boolean allowPlaintext;

  @Option(names = "--serve", paramLabel = "[HOST:]PORT", description = {
      "keep checking every --watch INTERVAL (default 15s) and serve /metrics (Prometheus),",
      "/healthz, /readyz and a status page at /; HOST defaults to every interface"})
  String serve;

  @Option(names = "--verbose", description = "log what priokit does, to standard error")
  boolean verbose;

  private final Map<String, String> environmentVariables;
  private PrintStream out;
  private PrintStream err;

  private HealthCommand(Map<String, String> environmentVariables) {
    this.environmentVariables = environmentVariables;
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
  static int run(String[] args, Map<String, String> environmentVariables, PrintStream out, PrintStream err) {
    HealthCommand command = new HealthCommand(environmentVariables);
    command.out = out;
    command.err = err;
    CommandLine line = new CommandLine(command)
        .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
        .setDefaultValueProvider(command::defaultFromEnvironment)
        .setParameterExceptionHandler(HealthCommand::usageError)
        .setExecutionExceptionHandler((failure, commandLine, parsed) -> {
          throw failure;
        });
    return line.execute(args);
  }

  private String defaultFromEnvironment(CommandLine.Model.ArgSpec option) {
    if (!(option instanceof CommandLine.Model.OptionSpec named)) {
      return null;
    }
    return switch (named.longestName()) {
      case "--client-id" -> environmentVariables.get("PRIOTICKET_CLIENT_ID");
      case "--client-secret" -> environmentVariables.get("PRIOTICKET_CLIENT_SECRET");
      default -> null;
    };
  }

  /** The option as typed, without a value given with {@code =}. */
  private static String optionName(String argument) {
    int equals = argument.indexOf('=');
    return equals < 0 ? argument : argument.substring(0, equals);
  }

  /** A command line picocli cannot read: say what is wrong and what to type, exit 64. */
  private static int usageError(CommandLine.ParameterException problem, String[] args) {
    CommandLine line = problem.getCommandLine();
    PrintWriter err = line.getErr();
    String message = problem.getMessage();
    // Only option names are repeated back, never values: a mistyped --client-secret is followed by
    // the secret, which must not reach a terminal log.
    if (problem instanceof CommandLine.UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
      message = "unknown option " + optionName(unmatched.getUnmatched().get(0));
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        message += "; did you mean " + String.join(" or ", suggestions) + "?";
      }
    } else if (problem instanceof CommandLine.UnmatchedArgumentException unmatched) {
      message = "unexpected argument" + (unmatched.getUnmatched().size() == 1 ? "" : "s")
          + ": priokit-health takes options only";
    }
    err.println("priokit-health: " + message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1));
    err.println("Try priokit-health --help.");
    return CheckResult.USAGE;
  }

  @Override
  public Integer call() throws InterruptedException {
    String refusal = refusal();
    if (refusal != null) {
      err.println("priokit-health: " + refusal);
      err.println("Try priokit-health --help.");
      return CheckResult.USAGE;
    }
    if (target.simulator) {
      try (PrioticketSimulator simulator = PrioticketSimulator.start()) {
        if (clientId != null) {
          simulator.credentials(clientId, clientSecret);
        }
        err.println("Checking the embedded Prioticket simulator at " + simulator.baseUri()
            + " (switch its scenario: curl -X PUT --data 503 " + simulator.scenarioControlUri() + ")");
        return check(simulator.environment());
      }
    }
    Environment environment;
    try {
      environment = target.environment != null ? Environment.named(target.environment)
          : Environment.custom(target.baseUri);
    } catch (ConfigurationException unusable) {
      err.println("priokit-health: " + unusable.getMessage());
      return CheckResult.USAGE;
    }
    return check(environment);
  }

  /** What makes this command line unable to run, or {@code null}. */
  private String refusal() {
    if (target == null) {
      // A probe whose arguments got lost must fail, never check some default and report healthy.
      return "no target: give --env NAME, --base-uri URI, or --simulator to try it against the embedded simulator";
    }
    String chosen = transport.toLowerCase(Locale.ROOT);
    if (!TRANSPORTS.contains(chosen)) {
      return "--transport must be jdk, apache or vertx, not " + transport;
    }
    transport = chosen;
    if ((clientId == null) != (clientSecret == null)) {
      return "give both a client id and a client secret, or neither";
    }
    if (count != null && watch == null) {
      return "--count needs --watch";
    }
    if (count != null && count < 1) {
      return "--count must be at least 1, not " + count;
    }
    if (serve != null) {
      if (json || count != null) {
        return "--serve prints nothing per check: leave out --json and --count";
      }
      try {
        serveAddress();
      } catch (IllegalArgumentException unusable) {
        return unusable.getMessage();
      }
    }
    return null;
  }

  /** The address of {@code --serve [HOST:]PORT}. */
  private InetSocketAddress serveAddress() {
    int colon = serve.lastIndexOf(':');
    String host = colon < 0 ? null : serve.substring(0, colon);
    String portText = serve.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("--serve needs a port, such as 9400 or 127.0.0.1:9400, not " + serve);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--serve needs a port between 0 and 65535, not " + port);
    }
    return host == null || host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  private int check(Environment environment) throws InterruptedException {
    PriokitClient client;
    try {
      client = client(environment);
    } catch (ConfigurationException cannotRun) {
      err.println("priokit-health: " + cannotRun.getMessage());
      return CheckResult.USAGE;
    }
    if (serve != null) {
      return serve(client, environment);
    }
    try (client) {
      CheckRound round = new CheckRound(client, environment.baseUri(), timeout, Clock.systemUTC());
      Map<String, String> lastStates = new HashMap<>();
      for (int rounds = 1; ; rounds++) {
        List<CheckResult> results = round.run();
        for (CheckResult result : results) {
          if (watch == null || !result.state().equals(lastStates.put(result.check(), result.state()))) {
            out.println(json ? result.json(watch != null) : result.line(watch != null));
          }
        }
        out.flush();
        int exit = results.stream().mapToInt(CheckResult::exitStatus).max().orElse(CheckResult.HEALTHY);
        if (watch == null || (count != null && rounds == count)) {
          return exit;
        }
        Thread.sleep(watch.toMillis());
      }
    }
  }

  /** Serves until the process is stopped; the client closes with the exporter. */
  private int serve(PriokitClient client, Environment environment) throws InterruptedException {
    Duration every = watch == null ? Duration.ofSeconds(15) : watch;
    HealthExporter exporter;
    try {
      exporter = HealthExporter.start(client, environment.baseUri(), every, timeout, serveAddress(),
          new Version().getVersion()[0]);
    } catch (IOException cannotListen) {
      client.close();
      err.println("priokit-health: cannot serve on " + serve + ": " + cannotListen.getMessage());
      return CheckResult.USAGE;
    }
    InetSocketAddress address = exporter.address();
    String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getAddress().getHostAddress();
    err.println("Serving the health of " + environment.baseUri() + " on http://" + host + ":" + address.getPort()
        + "/ (/metrics, /healthz, /readyz), checking every " + every);
    err.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(exporter::close, "priokit-health-stop"));
    Thread.currentThread().join();
    return CheckResult.HEALTHY;
  }

  private PriokitClient client(Environment environment) {
    PriokitClient.Builder builder = PriokitClient.builder()
        .environment(environment)
        .transport(transport)
        .deadline(timeout)
        .callTimeout(timeout.compareTo(Duration.ofSeconds(60)) < 0 ? timeout : Duration.ofSeconds(60))
        .allowPlaintext(allowPlaintext)
        .appName("priokit-health");
    if (clientId != null) {
      builder.credentials(ClientCredentials.of(clientId, clientSecret));
    }
    return builder.build();
  }

  /** The version of this build, from the jar's own resources. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = HealthCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException unreadable) {
        throw new UncheckedIOException(unreadable);
      }
      return new String[] {"priokit-health " + properties.getProperty("version", "unknown")
          + " (Java " + Runtime.version() + ")"};
    }
  }
}
