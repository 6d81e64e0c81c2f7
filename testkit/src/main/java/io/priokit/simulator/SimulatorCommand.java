package io.priokit.simulator;

import java.io.PrintStream;

/** The simulator as its own process: reads the command line, starts, and says what it does. */
final class SimulatorCommand {

  static final String USAGE = "Usage: PrioticketSimulator [--port N] [--scenario S]"
      + " [--client-id ID --client-secret SECRET]\n"
      + "  --port N      loopback port, 0 for a free one; default 8080\n"
      + "  --scenario S  healthy (default), a status such as 503, flapping:2s, reset, hang, truncated,\n"
      + "                drip:100ms or slow-first-byte:2s, each optionally followed by ,retry-after=5s,\n"
      + "                ,retry-after-date=5s, ,latency=300ms or ,times=2";

  private SimulatorCommand() {}

  /**
   * Starts a simulator as the arguments say and serves until the process ends.
   *
   * @return 64 for a command line it cannot read; otherwise it does not return
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    int port = 8080;
    Scenario scenario = Scenario.healthy();
    String clientId = null;
    String clientSecret = null;
    try {
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--port" -> port = port(value);
          case "--scenario" -> scenario = Scenario.parse(value);
          case "--client-id" -> clientId = value;
          case "--client-secret" -> clientSecret = value;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if ((clientId == null) != (clientSecret == null)) {
        throw new IllegalArgumentException("give both --client-id and --client-secret, or neither");
      }
    } catch (IllegalArgumentException unusable) {
      err.println("PrioticketSimulator: " + unusable.getMessage());
      err.println(USAGE);
      return 64;
    }
    PrioticketSimulator simulator = PrioticketSimulator.start(port);
    if (clientId != null) {
      simulator.credentials(clientId, clientSecret);
    }
    out.println("Prioticket simulator at " + simulator.baseUri());
    out.println("Switch scenarios with: curl -X PUT --data 503,retry-after=5s " + simulator.scenarioControlUri());
    simulator.announceTo(words -> {
      out.println("Scenario: " + words);
      out.flush();
    });
    simulator.scenario(scenario);
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "prioticket-simulator-stop"));
    try {
      Thread.currentThread().join();
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be between 0 and 65535, not " + value);
      }
      return port;
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("--port must be a number, not " + value, notANumber);
    }
  }
}
