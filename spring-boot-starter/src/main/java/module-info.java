/**
 * priokit's Spring Boot starter: the auto-configuration of a {@code PriokitClient} from
 * {@code priokit.*} properties, the {@code prioticket} health indicator and the Micrometer binding.
 */
// Spring's jars are automatic modules with stable names (Automatic-Module-Name). Spring Boot's health
// module is optional: only applications with the actuator use the indicator, which implements its type.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "exports"})
module io.priokit.spring.boot {
  requires transitive io.priokit.core;
  requires transitive io.priokit.micrometer;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.beans;
  requires transitive spring.context;
  requires transitive spring.core;
  requires static spring.boot.health;

  exports io.priokit.spring.boot;

  // Spring creates the auto-configuration and its beans reflectively.
  opens io.priokit.spring.boot to spring.core, spring.beans, spring.context;
}
