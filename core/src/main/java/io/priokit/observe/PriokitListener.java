package io.priokit.observe;

/**
 * Hooks for metrics and tracing: one method per event of the pipeline, all no-ops by default.
 * Called on whatever thread the event happens on, so implementations must be quick and thread-safe;
 * an exception thrown here is logged and otherwise ignored, never failing the call. Events carry no
 * credentials or tokens.
 */
public interface PriokitListener {

  /** A listener that ignores every event. */
  PriokitListener NONE = new PriokitListener() { };

  /** A request is about to be sent. */
  default void attemptStarted(AttemptStarted event) {}

  /** A request got a response (of any status) or failed without one. */
  default void attemptFinished(AttemptFinished event) {}

  /** A failed attempt will be retried after a wait. */
  default void retryScheduled(RetryScheduled event) {}

  /** A new access token was obtained. */
  default void tokenRefreshed(TokenRefreshed event) {}

  /** The fair-use guard or the rate limit refused to send a request. */
  default void guardTripped(GuardTripped event) {}

  /**
   * A shared fair-use budget could not be reached and the client went on under its local share, or
   * it could be reached again and the client is back on it.
   */
  default void budgetModeChanged(BudgetModeChanged event) {}
}
