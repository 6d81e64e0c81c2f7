package io.priokit.spi;

import io.priokit.FairUsePolicy;
import java.util.Optional;

/**
 * Makes each client's {@link FairUseBudget}, and, where the budget is shared by a fleet, the
 * {@link SharedHealth} its health streams poll through. The default keeps both in the client; a
 * shared one (such as {@code priokit-redis}) is given to the client builder, or bound in Guice.
 */
public interface FairUseBudgetFactory {

  /**
   * Makes the budget of one client, which closes it with itself.
   *
   * @param policy the limits the client was built with
   * @param context who the budget is for, its clock and timers, and where to report its changes
   * @return the budget
   */
  FairUseBudget create(FairUsePolicy policy, BudgetContext context);

  /**
   * Where the client's health streams share one poller with the rest of a fleet; empty (the default)
   * for a client that polls on its own.
   *
   * @param context who the health is shared for, and its clock and timers
   * @return the shared health, if this factory shares it
   */
  default Optional<SharedHealth> sharedHealth(BudgetContext context) {
    return Optional.empty();
  }

  /** {@return the client's own rolling windows, in memory: the default} */
  static FairUseBudgetFactory local() {
    return (policy, context) -> FairUseBudget.local(policy, context.time());
  }
}
