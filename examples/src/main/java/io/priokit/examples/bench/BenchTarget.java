package io.priokit.examples.bench;

import java.net.URI;
import java.time.Duration;

/**
 * Where a benchmark fork finds its server: the one the report runner started in its own process
 * (named by the {@value #PROPERTY} property), so that a fork measures only the client's work and
 * allocation; or, run alone, one it starts itself.
 */
final class BenchTarget implements AutoCloseable {

  /** System property with the base URI of a running {@link BenchServer}. */
  static final String PROPERTY = "priokit.bench.server";

  private final URI baseUri;
  private final BenchServer own;

  private BenchTarget(URI baseUri, BenchServer own) {
    this.baseUri = baseUri;
    this.own = own;
  }

  static BenchTarget resolve() throws Exception {
    String given = System.getProperty(PROPERTY);
    if (given != null) {
      return new BenchTarget(URI.create(given), null);
    }
    BenchServer server = BenchServer.start(Duration.ZERO);
    return new BenchTarget(server.baseUri(), server);
  }

  URI baseUri() {
    return baseUri;
  }

  @Override
  public void close() throws Exception {
    if (own != null) {
      own.close();
    }
  }
}
