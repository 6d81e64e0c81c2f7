/**
 * JUnit 5 support for the simulator: {@link io.priokit.simulator.junit.PrioticketSimulatorExtension}
 * gives each test its own started simulator and stops it afterwards. It needs
 * {@code org.junit.jupiter:junit-jupiter-api} on the test class path, which the testkit declares as
 * optional.
 */
package io.priokit.simulator.junit;
