/**
 * priokit's testkit: an embedded Prioticket API simulator with scripted scenarios, connection faults
 * and recorded requests, and a JUnit 5 extension. It needs priokit's core and the JDK; JUnit only
 * for the extension.
 */
module io.priokit.testkit {
  requires transitive io.priokit.core;
  requires static org.junit.jupiter.api;

  exports io.priokit.simulator;
  exports io.priokit.simulator.junit;
}
