package io.priokit.system;

/**
 * The System endpoints, blocking: each call returns when the answer is complete and throws a
 * {@link io.priokit.error.PriokitException} otherwise. Safe to call from many threads at once; never
 * call it from an event-loop thread (use {@link AsyncSystemHealth} there).
 */
public interface SystemHealth {

  /**
   * Calls {@code GET /system/ping}.
   *
   * @return the answer, with its measured latency
   * @throws io.priokit.error.PriokitException for every failure, typed by the error taxonomy
   */
  SystemPing ping();

  /**
   * Calls {@code GET /system/status}, with the bearer token when credentials are configured.
   *
   * @return the answer, with its measured latency and any fields the API added
   * @throws io.priokit.error.PriokitException for every failure, typed by the error taxonomy
   */
  SystemStatus status();
}
