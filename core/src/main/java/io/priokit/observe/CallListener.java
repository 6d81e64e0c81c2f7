package io.priokit.observe;

/**
 * Hears the events of one call, from its first attempt to its end. A {@link PriokitListener} is one
 * for every call unless its {@link PriokitListener#callStarted callStarted} returns another, which
 * then holds what it needs of that call alone (an observation, a span). Called on whatever thread
 * the event happens on, so implementations must be quick and thread-safe; an exception thrown here
 * is logged and otherwise ignored, never failing the call. Events carry no credentials or tokens.
 */
public interface CallListener {

  /**
   * A request is about to be sent.
   *
   * @param event what is being sent
   */
  default void attemptStarted(AttemptStarted event) {}

  /**
   * Adds trace-context headers to the request about to be sent, right after
   * {@link #attemptStarted}. Only {@link TraceHeaders#NAMES} can be added.
   *
   * @param attempt the attempt the headers go with
   * @param headers where to put them
   */
  default void addTraceHeaders(AttemptStarted attempt, TraceHeaders headers) {}

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
   * The fair-use guard or the rate limit refused to send a request.
   *
   * @param event which limit refused, and until when
   */
  default void guardTripped(GuardTripped event) {}

  /**
   * The call ended: its result or failure is about to reach the caller (or already has, when the
   * caller cancelled it). Heard once per call.
   *
   * @param event how the call ended
   */
  default void callFinished(CallFinished event) {}
}
