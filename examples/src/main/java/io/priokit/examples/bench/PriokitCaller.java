package io.priokit.examples.bench;

import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.observe.PriokitListener;
import java.util.concurrent.CompletableFuture;

/**
 * priokit's {@code status()} with its defaults, but for the fair-use limits: 1000 requests a minute
 * is the API's limit, which a benchmark passes in a fraction of a second, so the rate limit is off.
 * The 4xx guard stays on, its bookkeeping measured, with a limit above the most calls a benchmark has
 * in flight: it counts every request in flight against its limit, so at its default of 50 it would
 * hold a run of 256 or 10,000 calls in flight to 50 at a time.
 * Optionally with a listener, to measure what one costs.
 */
final class PriokitCaller implements StatusCaller {

  /** More than the 10,000 calls the largest benchmark has in flight. */
  private static final int GUARD_ABOVE_CALLS_IN_FLIGHT = 20_000;

  private final PriokitClient client;

  PriokitCaller(String transport, java.net.URI baseUri, int maxConnections, PriokitListener listener) {
    client = PriokitClient.builder()
        .listener(listener)
        .baseUri(baseUri)
        .transport(transport)
        .maxConnections(maxConnections)
        .fairUse(new FairUsePolicy(GUARD_ABOVE_CALLS_IN_FLIGHT, 0))
        .build();
  }

  @Override
  public Object call() {
    return client.status();
  }

  @Override
  public CompletableFuture<?> callAsync() {
    return client.async().status();
  }

  @Override
  public void close() {
    client.close();
  }
}
