package io.priokit.examples.bench;

import io.priokit.FairUsePolicy;
import io.priokit.PriokitClient;
import io.priokit.observe.PriokitListener;
import java.util.concurrent.CompletableFuture;

/**
 * priokit's {@code status()} with its defaults, but for the rate limit: 1000 requests a minute is
 * the API's limit, which a benchmark passes in a fraction of a second. The 4xx guard stays on.
 * Optionally with a listener, to measure what one costs.
 */
final class PriokitCaller implements StatusCaller {

  private final PriokitClient client;

  PriokitCaller(String transport, java.net.URI baseUri, int maxConnections, PriokitListener listener) {
    client = PriokitClient.builder()
        .listener(listener)
        .baseUri(baseUri)
        .transport(transport)
        .maxConnections(maxConnections)
        .fairUse(new FairUsePolicy(FairUsePolicy.defaults().clientErrorsPerMinute(), 0))
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
