package io.priokit.examples;

import io.priokit.Environment;
import io.priokit.simulator.PrioticketSimulator;
import java.io.PrintStream;

/**
 * Where an example sends its calls: the environment or base URI on its command line, or else a
 * simulator it starts, so every example runs with no account and no network.
 */
final class Target implements AutoCloseable {

  private final Environment environment;
  private final PrioticketSimulator simulator;

  private Target(Environment environment, PrioticketSimulator simulator) {
    this.environment = environment;
    this.simulator = simulator;
  }

  /**
   * @param args nothing, an environment name, or {@code --base-uri URI}
   * @param out where to say which target was chosen
   * @throws IllegalArgumentException for other arguments
   */
  static Target from(String[] args, PrintStream out) {
    if (args.length == 0) {
      PrioticketSimulator simulator = PrioticketSimulator.start();
      out.println("No target given: calling a Prioticket simulator at " + simulator.baseUri());
      return new Target(simulator.environment(), simulator);
    }
    if (args.length == 2 && args[0].equals("--base-uri")) {
      return new Target(Environment.custom(args[1]), null);
    }
    if (args.length == 1 && !args[0].startsWith("-")) {
      return new Target(Environment.named(args[0]), null);
    }
    throw new IllegalArgumentException("Usage: [--base-uri URI | production | sandbox | staging | internal]");
  }

  Environment environment() {
    return environment;
  }

  /** The simulator, when this example started one. */
  PrioticketSimulator simulator() {
    if (simulator == null) {
      throw new IllegalStateException("this example runs against " + environment + ", not a simulator");
    }
    return simulator;
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
    }
  }
}
