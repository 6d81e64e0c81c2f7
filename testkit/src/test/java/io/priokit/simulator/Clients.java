package io.priokit.simulator;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import java.util.function.Consumer;

/** Clients on the JDK transport against a simulator, with no retries unless a test asks for them. */
final class Clients {

  private Clients() {}

  static PriokitClient against(PrioticketSimulator api) {
    return against(api, builder -> { });
  }

  static PriokitClient against(PrioticketSimulator api, Consumer<PriokitClient.Builder> changes) {
    PriokitClient.Builder builder = PriokitClient.builder().environment(api.environment()).transport("jdk")
        .retryPolicy(RetryPolicy.none());
    changes.accept(builder);
    return builder.build();
  }
}
