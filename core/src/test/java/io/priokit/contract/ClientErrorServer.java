package io.priokit.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback API that answers {@code /system/status} with client errors, the way the fair-use
 * rules are broken in practice, and notes when it sent each 4xx, so that a test can hold a client to
 * the API's block: 60 responses with a 4xx status within a minute.
 */
final class ClientErrorServer implements AutoCloseable {

  /** How the status endpoint answers. */
  enum Answer {
    /** Every call is a 400. */
    BAD_REQUEST,
    /** Every call is a 429 asking for a one-second wait. */
    TOO_MANY_REQUESTS,
    /**
     * The token endpoint hands out tokens that claim an hour but are refused with 401 after their
     * first {@link #REQUESTS_PER_TOKEN} requests: tokens that expire under load.
     */
    EXPIRING_TOKENS
  }

  static final int REQUESTS_PER_TOKEN = 20;

  private static final String BASE_PATH = "/v3.8/distributor";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Answer answer;
  private final ConcurrentLinkedQueue<Long> clientErrorTimes = new ConcurrentLinkedQueue<>();
  private final AtomicInteger statusRequests = new AtomicInteger();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final Map<String, AtomicInteger> usesPerToken = new ConcurrentHashMap<>();

  private ClientErrorServer(Answer answer) throws IOException {
    this.answer = answer;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2_000);
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "scripted-server-client-errors");
      thread.setDaemon(true);
      return thread;
    });
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a server that answers as told. */
  static ClientErrorServer start(Answer answer) throws IOException {
    return new ClientErrorServer(answer);
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH);
  }

  /** How many status requests arrived. */
  int statusRequests() {
    return statusRequests.get();
  }

  /** How many tokens the token endpoint handed out. */
  int tokensIssued() {
    return tokensIssued.get();
  }

  /** The most responses with a 4xx status the server sent within any span of the given length. */
  int mostClientErrorsWithin(Duration window) {
    List<Long> times = new ArrayList<>(clientErrorTimes);
    times.sort(Long::compare);
    int most = 0;
    for (int first = 0, last = 0; last < times.size(); last++) {
      while (times.get(last) - times.get(first) >= window.toNanos()) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/oauth2/token")) {
        String token = "storm-" + tokensIssued.incrementAndGet();
        usesPerToken.put(token, new AtomicInteger());
        send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}", null);
        return;
      }
      statusRequests.incrementAndGet();
      switch (answer) {
        case BAD_REQUEST -> send(exchange, 400, "{\"error\":\"INVALID_REQUEST\",\"errors\":[\"no\"]}", null);
        case TOO_MANY_REQUESTS -> send(exchange, 429, "{\"error\":\"TOO_MANY_REQUESTS\"}", "1");
        case EXPIRING_TOKENS -> {
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          AtomicInteger uses = authorization == null ? null
              : usesPerToken.get(authorization.substring(authorization.indexOf(' ') + 1));
          if (uses == null || uses.incrementAndGet() > REQUESTS_PER_TOKEN) {
            send(exchange, 401, "{\"error\":\"TOKEN_EXPIRED\"}", null);
          } else {
            send(exchange, 200, "{\"status\":\"OK\"}", null);
          }
        }
      }
    }
  }

  private void send(HttpExchange exchange, int status, String json, String retryAfter) throws IOException {
    if (status >= 400 && status < 500) {
      clientErrorTimes.add(System.nanoTime());
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
