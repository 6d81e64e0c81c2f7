package io.priokit.spring.boot;

import io.priokit.PriokitClient;

/**
 * Changes the client builder after the {@code priokit.*} properties are applied and before the
 * client is built: declare one as a bean for what properties cannot say (a token provider, an
 * {@code App-*} header, a listener). Customizers run in their {@code @Order}; the Micrometer binding
 * is one, at order 0.
 */
@FunctionalInterface
public interface PriokitClientCustomizer {

  /**
   * Changes the builder.
   *
   * @param builder the builder, with the properties applied
   */
  void customize(PriokitClient.Builder builder);
}
