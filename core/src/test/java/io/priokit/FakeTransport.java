package io.priokit;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An implementation of priokit's own transport port that answers 200 from memory, for tests of
 * wiring that no network can add anything to. Transport behaviour is tested over real HTTP by the
 * contract suite.
 */
final class FakeTransport implements HttpTransport {

  final List<TransportRequest> requests = new ArrayList<>();
  String refusal;
  boolean closed;

  @Override
  public TransportResponse send(TransportRequest request) {
    requests.add(request);
    return TransportResponse.of(200, HttpHeaders.of(Map.of(), (name, value) -> true), null);
  }

  @Override
  public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    return CompletableFuture.completedFuture(send(request));
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public Optional<String> blockingCallRefusal() {
    return Optional.ofNullable(refusal);
  }

  @Override
  public void close() {
    closed = true;
  }
}
