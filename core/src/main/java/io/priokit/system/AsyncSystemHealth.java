package io.priokit.system;

import java.util.concurrent.CompletableFuture;

/**
 * The System endpoints, asynchronous: each call returns at once and its future completes with the
 * answer, or exceptionally with a {@link io.priokit.error.PriokitException}. Cancelling a future
 * aborts the exchange in flight.
 */
public interface AsyncSystemHealth {

  /**
   * Calls {@code GET /system/ping}.
   *
   * @return a future of the answer
   */
  CompletableFuture<SystemPing> ping();

  /**
   * Calls {@code GET /system/status}, with the bearer token when credentials are configured.
   *
   * @return a future of the answer
   */
  CompletableFuture<SystemStatus> status();
}
