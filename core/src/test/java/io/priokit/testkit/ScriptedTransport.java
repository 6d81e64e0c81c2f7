package io.priokit.testkit;

import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An implementation of priokit's own transport port that answers from a script, per path, for
 * tests of the pipeline's policies in virtual time. Transport behaviour itself is tested over real
 * HTTP by the contract suite; this only stands where the network would be.
 */
public final class ScriptedTransport implements HttpTransport {

  private final Map<String, Deque<Function<TransportRequest, CompletableFuture<TransportResponse>>>> scripts =
      new HashMap<>();
  private final Map<String, Function<TransportRequest, CompletableFuture<TransportResponse>>> fallbacks =
      new HashMap<>();
  private final List<TransportRequest> requests = new ArrayList<>();
  private final List<CompletableFuture<TransportResponse>> exchanges = new ArrayList<>();

  /** Queues answers for requests whose path ends with {@code pathSuffix}, used once each in order. */
  @SafeVarargs
  public final synchronized ScriptedTransport then(String pathSuffix,
      Function<TransportRequest, CompletableFuture<TransportResponse>>... answers) {
    Deque<Function<TransportRequest, CompletableFuture<TransportResponse>>> queue =
        scripts.computeIfAbsent(pathSuffix, path -> new ArrayDeque<>());
    for (Function<TransportRequest, CompletableFuture<TransportResponse>> answer : answers) {
      queue.add(answer);
    }
    return this;
  }

  /** The answer for requests to the path once its queue is empty. */
  public synchronized ScriptedTransport always(String pathSuffix,
      Function<TransportRequest, CompletableFuture<TransportResponse>> answer) {
    fallbacks.put(pathSuffix, answer);
    return this;
  }

  /** An answer with a status, optional headers ({@code name, value, ...}) and a body. */
  public static Function<TransportRequest, CompletableFuture<TransportResponse>> respond(int status, String body,
      String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], List.of(headers[i + 1]));
    }
    TransportResponse response = TransportResponse.of(status, HttpHeaders.of(map, (n, v) -> true),
        body.getBytes(StandardCharsets.UTF_8));
    return request -> CompletableFuture.completedFuture(response);
  }

  /** An answer that fails as the transport would without a response. */
  public static Function<TransportRequest, CompletableFuture<TransportResponse>> fail(TransportFailure.Kind kind) {
    return request -> CompletableFuture.failedFuture(new TransportFailure(kind, "scripted " + kind, null));
  }

  /** An answer that never comes, unless the future is completed or cancelled. */
  public static Function<TransportRequest, CompletableFuture<TransportResponse>> hang() {
    return request -> new CompletableFuture<>();
  }

  /** A token endpoint answer. */
  public static Function<TransportRequest, CompletableFuture<TransportResponse>> token(String value, long expiresIn) {
    return respond(200, "{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":"
        + expiresIn + ",\"scope\":\"system\"}", "Content-Type", "application/json");
  }

  /** Every request sent so far, in order. */
  public synchronized List<TransportRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests sent to paths ending with the suffix. */
  public synchronized List<TransportRequest> requests(String pathSuffix) {
    return requests.stream().filter(request -> request.uri().getPath().endsWith(pathSuffix)).toList();
  }

  /** The futures handed out, in order; a test may complete or inspect them. */
  public synchronized List<CompletableFuture<TransportResponse>> exchanges() {
    return List.copyOf(exchanges);
  }

  @Override
  public synchronized CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
    requests.add(request);
    String path = request.uri().getPath();
    Function<TransportRequest, CompletableFuture<TransportResponse>> answer = scripts.entrySet().stream()
        .filter(entry -> path.endsWith(entry.getKey()) && !entry.getValue().isEmpty())
        .map(entry -> entry.getValue().poll())
        .findFirst()
        .orElseGet(() -> fallbacks.entrySet().stream().filter(entry -> path.endsWith(entry.getKey()))
            .map(Map.Entry::getValue).findFirst()
            .orElseThrow(() -> new AssertionError("no scripted answer for " + request)));
    CompletableFuture<TransportResponse> exchange = answer.apply(request);
    exchanges.add(exchange);
    return exchange;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public void close() {}
}
