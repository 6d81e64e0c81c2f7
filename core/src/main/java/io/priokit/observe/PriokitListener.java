package io.priokit.observe;

/**
 * Hooks for metrics and tracing, all no-ops by default: the start of each call, and through the
 * {@link CallListener} it answers, everything that happens in the call until its end; and the
 * token refreshes the client makes for all its calls. Called on whatever thread the event happens
 * on, so implementations must be quick and thread-safe; an exception thrown here is logged and
 * otherwise ignored, never failing the call. Events carry no credentials or tokens.
 */
public interface PriokitListener extends CallListener {

  /** A listener that ignores every event. */
  PriokitListener NONE = new PriokitListener() { };

  /**
   * A call begins, on the thread that made it, so an integration can read that thread's context
   * (the current span) here. The listener returned hears the rest of this call: its attempts,
   * retries, refusals, trace headers and end. Requests of the token endpoint are not calls: their
   * attempts go to this listener itself.
   *
   * @param event what is called
   * @return the listener of this call; this listener by default
   */
  default CallListener callStarted(CallStarted event) {
    return this;
  }

  /**
   * A new access token was obtained.
   *
   * @param event the token's expiry and scope, never the token
   */
  default void tokenRefreshed(TokenRefreshed event) {}

  /**
   * A shared fair-use budget could not be reached and the client went on under its local share, or
   * it could be reached again and the client is back on it.
   *
   * @param event which budget, the mode the client is now in, and why
   */
  default void budgetModeChanged(BudgetModeChanged event) {}
}
