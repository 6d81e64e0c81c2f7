/**
 * An embedded Prioticket Distributor API for tests: {@link io.priokit.simulator.PrioticketSimulator}
 * serves the System endpoints and the token endpoint on a loopback port, answers as its
 * {@link io.priokit.simulator.Scenario} says, and records every request as a
 * {@link io.priokit.simulator.RecordedRequest}.
 */
package io.priokit.simulator;
