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

  /**
   * A request is about to be sent.
   *
   * @param event what is being sent
   */
  default void attemptStarted(AttemptStarted event) {}

  /**
   * A request got a response (of any status) or failed without one.
   *
   * @param event how the attempt ended
   */
  default void attemptFinished(AttemptFinished event) {}

  /**
   * A failed attempt will be retried after a wait.
   *
   * @param event the failure and the wait
   */
  default void retryScheduled(RetryScheduled event) {}

  /**
   * A new access token was obtained.
   *
   * @param event the token's expiry and scope, never the token
   */
  default void tokenRefreshed(TokenRefreshed event) {}

  /**
   * The fair-use guard or the rate limit refused to send a request.
   *
   * @param event which limit refused, and until when
   */
  default void guardTripped(GuardTripped event) {}

  /**
   * A shared fair-use budget could not be reached and the client went on under its local share, or
   * it could be reached again and the client is back on it.
   *
   * @param event which budget, the mode the client is now in, and why
   */
  default void budgetModeChanged(BudgetModeChanged event) {}
}
