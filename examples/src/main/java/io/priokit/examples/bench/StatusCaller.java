package io.priokit.examples.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.priokit.micrometer.PriokitMicrometer;
import io.priokit.observe.PriokitListener;
import java.util.concurrent.CompletableFuture;

/**
 * One way of calling {@code GET /system/status} and reading its JSON: through priokit, or by hand
 * over an HTTP library, the way the benchmarks compare them.
 */
interface StatusCaller extends AutoCloseable {

  /** Calls and waits; returns something of the answer so the work cannot be optimised away. */
  Object call() throws Exception;

  /** Calls without waiting. */
  CompletableFuture<?> callAsync();

  /**
   * Starts {@code inFlight} calls together, as the throughput measures make them.
   *
   * @return a future that completes when all of them have
   */
  default CompletableFuture<Void> callTogether(int inFlight) {
    CompletableFuture<?>[] calls = new CompletableFuture<?>[inFlight];
    for (int i = 0; i < inFlight; i++) {
      calls[i] = callAsync();
    }
    return CompletableFuture.allOf(calls);
  }

  @Override
  void close() throws Exception;

  /**
   * A caller for a transport ({@code jdk}, {@code apache}, {@code vertx}), through priokit or raw.
   *
   * @param transport which HTTP library
   * @param client {@code raw}, {@code priokit}, or {@code priokit-observed}: priokit with a Micrometer
   *     observation per call timed on a meter registry
   * @param baseUri the base URI of the server
   * @param maxConnections the pool size, the same for both, where the library has one
   */
  static StatusCaller create(String transport, String client, java.net.URI baseUri, int maxConnections) {
    if (client.equals("priokit")) {
      return new PriokitCaller(transport, baseUri, maxConnections, PriokitListener.NONE);
    }
    if (client.equals("priokit-observed")) {
      return new PriokitCaller(transport, baseUri, maxConnections, PriokitMicrometer.of(new SimpleMeterRegistry()));
    }
    return switch (transport) {
      case "jdk" -> new RawCallers.Jdk(baseUri);
      case "apache" -> new RawCallers.Apache(baseUri, maxConnections);
      case "vertx" -> new RawCallers.Vertx(baseUri, maxConnections);
      default -> throw new IllegalArgumentException("unknown transport " + transport);
    };
  }
}
