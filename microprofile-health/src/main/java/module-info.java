/**
 * priokit's MicroProfile Health integration: the Prioticket API as a readiness check.
 */
// The MicroProfile API jars are automatic modules named after their files.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.priokit.microprofile.health {
  requires transitive io.priokit.core;
  requires transitive microprofile.health.api;
  requires transitive microprofile.config.api;
  requires transitive jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.annotation;

  exports io.priokit.microprofile.health;

  // CDI containers create and inject the check reflectively.
  opens io.priokit.microprofile.health;
}
