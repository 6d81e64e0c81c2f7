package io.priokit.observe;

import java.util.Objects;

/**
 * A shared fair-use budget became unavailable, so the client went on under its local share of the
 * limits, or became available again, so the client is back on the shared budget.
 *
 * @param budget names the budget, such as the Redis key prefix it is kept under; never a secret
 * @param mode the mode the client is in from now on
 * @param reason why, such as what the store failed with, in one line without secrets
 */
public record BudgetModeChanged(String budget, Mode mode, String reason) {

  /** Which budget the client's calls are held to. */
  public enum Mode {
    /** The budget the fleet shares. */
    SHARED,
    /** This instance's conservative share of the limits, while the shared budget cannot be reached. */
    LOCAL_SHARE
  }

  /**
   * Checks the values.
   *
   * @param budget names the budget, such as the Redis key prefix it is kept under; never a secret
   * @param mode the mode the client is in from now on
   * @param reason why, such as what the store failed with, in one line without secrets
   */
  public BudgetModeChanged {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(reason, "reason");
  }
}
