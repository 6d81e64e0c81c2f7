/**
 * priokit's Micrometer integration: one observation per call, priokit's meters, and the current
 * trace context sent with each request.
 */
// Micrometer's jars are automatic modules with stable names (Automatic-Module-Name); their types are in
// this module's API.
@SuppressWarnings("requires-transitive-automatic")
module io.priokit.micrometer {
  requires transitive io.priokit.core;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires transitive micrometer.commons;

  exports io.priokit.micrometer;
}
