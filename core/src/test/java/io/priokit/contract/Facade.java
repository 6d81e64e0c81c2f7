package io.priokit.contract;

import io.priokit.PriokitClient;
import io.priokit.system.HealthResponse;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The ways a caller can reach the API through a client, so that every contract case runs through
 * each of them. A transport module may add its own (such as a Vert.x {@code Future} facade).
 */
public interface Facade {

  /** The blocking methods of {@link PriokitClient}. */
  Facade BLOCKING = named("blocking", PriokitClient::ping, PriokitClient::status);

  /** The {@code CompletableFuture} methods of {@link PriokitClient#async()}. */
  Facade ASYNC = named("async",
      client -> await(client.async().ping()),
      client -> await(client.async().status()));

  /** Calls {@code GET /system/ping}; throws what the call failed with, unwrapped. */
  HealthResponse ping(PriokitClient client);

  /** Calls {@code GET /system/status}; throws what the call failed with, unwrapped. */
  HealthResponse status(PriokitClient client);

  /** Makes a facade from two calls and a name for test reports. */
  static Facade named(String name, Function<PriokitClient, HealthResponse> ping,
      Function<PriokitClient, HealthResponse> status) {
    return new Facade() {
      @Override
      public HealthResponse ping(PriokitClient client) {
        return ping.apply(client);
      }

      @Override
      public HealthResponse status(PriokitClient client) {
        return status.apply(client);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /**
   * Waits for a future as a test does, rethrowing the failure the future completed with (not the
   * {@link CompletionException} around it). Gives up after a minute so a hang fails the test.
   */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException failed) {
      if (failed.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new AssertionError("future failed with a checked exception", failed.getCause());
    } catch (InterruptedException | java.util.concurrent.TimeoutException stuck) {
      throw new AssertionError("future did not complete within a minute", stuck);
    }
  }
}
