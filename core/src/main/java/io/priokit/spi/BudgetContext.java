package io.priokit.spi;

import io.priokit.observe.BudgetModeChanged;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link FairUseBudgetFactory} is told about the client it makes a budget for.
 *
 * @param apiClient names the API and the client a budget accounts for, as the API's host (and port,
 *     if not the default) and the client id, such as {@code sandbox-distributor-api.prioticket.com/client-42},
 *     or {@code -} for the id of a client without credentials; never a secret
 * @param time the client's clock and timers
 * @param modeChanges where a budget reports that it fell back to a local share or is shared again:
 *     the client logs it and tells its {@link io.priokit.observe.PriokitListener}
 */
public record BudgetContext(String apiClient, TimeSource time, Consumer<BudgetModeChanged> modeChanges) {

  /**
   * Checks the values.
   *
   * @param apiClient names the API and the client a budget accounts for, as the API's host (and port,
   *     if not the default) and the client id, such as {@code sandbox-distributor-api.prioticket.com/client-42},
   *     or {@code -} for the id of a client without credentials; never a secret
   * @param time the client's clock and timers
   * @param modeChanges where a budget reports that it fell back to a local share or is shared again:
   *     the client logs it and tells its {@link io.priokit.observe.PriokitListener}
   */
  public BudgetContext {
    Objects.requireNonNull(apiClient, "apiClient");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(modeChanges, "modeChanges");
  }
}
