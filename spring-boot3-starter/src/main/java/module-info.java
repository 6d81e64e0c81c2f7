/**
 * priokit's Spring Boot 3 starter: the {@code prioticket} health indicator on Spring Boot 3's
 * actuator, beside the auto-configuration of {@code io.priokit.spring.boot}.
 */
// Spring's jars are automatic modules with stable names (Automatic-Module-Name). The actuator is
// optional: only applications with it use the indicator, which implements its type. The module is
// named after the Spring Boot line it serves, digit and all.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "exports", "module"})
module io.priokit.spring.boot3 {
  requires transitive io.priokit.spring.boot;
  requires static spring.boot.actuator;
  requires static spring.boot.actuator.autoconfigure;

  exports io.priokit.spring.boot3;

  // Spring creates the auto-configuration and its beans reflectively.
  opens io.priokit.spring.boot3 to spring.core, spring.beans, spring.context;
}
