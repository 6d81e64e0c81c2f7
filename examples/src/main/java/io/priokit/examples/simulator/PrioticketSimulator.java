package io.priokit.examples.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.priokit.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * An embedded stand-in for the Prioticket Distributor API, for examples, tests and a first try with
 * no account and no network. It serves {@code GET /system/ping}, {@code GET /system/status} and
 * {@code POST /oauth2/token} under {@code /v3.8/distributor} with the documented shapes; with
 * credentials set it checks Basic credentials on the token endpoint and the bearer token on status.
 * A {@link Scenario} makes the System endpoints fail with any documented status, ask for a wait,
 * answer slowly or flap.
 *
 * <pre>{@code
 * try (PrioticketSimulator api = PrioticketSimulator.start()) {
 *   api.scenario(Scenario.failing(503).withRetryAfter(Duration.ofSeconds(1)));
 *   PriokitClient client = PriokitClient.builder().environment(api.environment()).build();
 * }
 * }</pre>
 *
 * <p>As a command: {@code PrioticketSimulator --port 8080 [--scenario 503,retry-after=5s]
 * [--client-id ID --client-secret SECRET]}.
 */
public final class PrioticketSimulator implements AutoCloseable {

  /** The path every endpoint lives under, as on the real servers. */
  public static final String BASE_PATH = "/v3.8/distributor";

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY the second write waits
    // for a delayed ACK and every answer takes some 40 ms longer than it should.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final ArrivalLog arrivals = new ArrivalLog();
  private final ArrivalLog clientErrors = new ArrivalLog();
  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  private final AtomicLong references = new AtomicLong();
  private volatile Scenario scenario = Scenario.healthy();
  private volatile long scenarioSetAt = System.nanoTime();
  private volatile String expectedBasic;
  private volatile Duration tokenLifetime = Duration.ofHours(1);

  private PrioticketSimulator(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the simulator on a free loopback port. */
  public static PrioticketSimulator start() throws IOException {
    return start(0);
  }

  /**
   * Starts the simulator on a loopback port.
   *
   * @param port the port, or 0 for a free one
   * @return the running simulator; close it to stop it
   * @throws IOException if the port cannot be bound
   */
  public static PrioticketSimulator start(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "prioticket-simulator");
      thread.setDaemon(true);
      return thread;
    });
    PrioticketSimulator simulator = new PrioticketSimulator(server, executor);
    server.createContext("/", simulator::handle);
    server.setExecutor(executor);
    server.start();
    return simulator;
  }

  /** The base URI to give a client, such as {@code http://127.0.0.1:41234/v3.8/distributor}. */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + BASE_PATH);
  }

  /** The simulator as an {@link Environment}, for a client builder. */
  public Environment environment() {
    return Environment.custom(baseUri());
  }

  /** Switches how ping and status answer, from now on. */
  public PrioticketSimulator scenario(Scenario next) {
    scenario = next;
    scenarioSetAt = System.nanoTime();
    return this;
  }

  /**
   * Requires these client credentials at the token endpoint and a token it issued on
   * {@code /system/status}; without them, status is open and any credentials get a token.
   */
  public PrioticketSimulator credentials(String clientId, String clientSecret) {
    expectedBasic = "Basic " + Base64.getEncoder().encodeToString(
        (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** How long issued tokens live; an hour by default. */
  public PrioticketSimulator tokenLifetime(Duration lifetime) {
    tokenLifetime = lifetime;
    return this;
  }

  /** How many requests reached a path below the base path, such as {@code /system/status}. */
  public int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  /**
   * The most requests that arrived, at any path, within any span of {@code window}: what the API's
   * per-IP rate limit counts. Counts the latest 100,000 requests.
   */
  public int mostRequestsWithin(Duration window) {
    return arrivals.mostWithin(window);
  }

  /**
   * The most responses with a 4xx status sent within any span of {@code window}: what the API's
   * one-minute block counts. Counts the latest 100,000 such responses.
   */
  public int mostClientErrorsWithin(Duration window) {
    return clientErrors.mostWithin(window);
  }

  /** Stops the simulator at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String endpoint = path.startsWith(BASE_PATH) ? path.substring(BASE_PATH.length()) : path;
      requests.computeIfAbsent(endpoint, key -> new AtomicInteger()).incrementAndGet();
      arrivals.add(System.nanoTime());
      switch (endpoint) {
        case "/system/ping" -> system(exchange, null);
        case "/system/status" -> system(exchange, "{\"status\":\"OK\",\"message\":\"System OK\",\"simulated\":true}");
        case "/oauth2/token" -> token(exchange);
        default -> answer(exchange, 404, "{\"error\":\"NOT_FOUND\",\"error_description\":\"No such endpoint: "
            + endpoint + "\"}", Map.of());
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  private void system(HttpExchange exchange, String okBody) throws IOException, InterruptedException {
    if (!exchange.getRequestMethod().equals("GET")) {
      answer(exchange, 405, ErrorBodies.forStatus(405, reference()), Map.of());
      return;
    }
    Scenario current = scenario;
    if (!current.latency().isZero()) {
      Thread.sleep(current.latency().toMillis());
    }
    if (okBody != null && expectedBasic != null && !hasValidToken(exchange)) {
      answer(exchange, 401, ErrorBodies.forStatus(401, reference()), Map.of("WWW-Authenticate", "Bearer"));
      return;
    }
    if (current.failsAt(Duration.ofNanos(System.nanoTime() - scenarioSetAt))) {
      Map<String, String> headers = current.retryAfter() == null ? Map.of()
          : Map.of("Retry-After", String.valueOf(current.retryAfter().toSeconds()));
      int status = current.failureStatus();
      if (ErrorBodies.isDocumented(status)) {
        answer(exchange, status, ErrorBodies.forStatus(status, reference()), headers);
      } else {
        answer(exchange, status, ErrorBodies.proxyPage(status), "text/html", headers);
      }
      return;
    }
    answer(exchange, 200, okBody, Map.of());
  }

  private void token(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      answer(exchange, 405, ErrorBodies.forStatus(405, reference()), Map.of());
      return;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("Basic ")
        || (expectedBasic != null && !expectedBasic.equals(authorization))) {
      answer(exchange, 401, ErrorBodies.oauth("invalid_client", "Client authentication failed."), Map.of());
      return;
    }
    JsonNode grant;
    try {
      grant = JSON.readTree(exchange.getRequestBody());
    } catch (IOException notJson) {
      grant = null;
    }
    if (grant == null || !"client_credentials".equals(grant.path("grant_type").asText())) {
      answer(exchange, 400, ErrorBodies.oauth("unsupported_grant_type", "Only client_credentials is supported."),
          Map.of());
      return;
    }
    String token = "sim-" + UUID.randomUUID();
    tokens.put(token, System.nanoTime() + tokenLifetime.toNanos());
    String scope = grant.path("scope").asText("system");
    answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
        + tokenLifetime.toSeconds() + ",\"scope\":\"" + scope + "\"}", Map.of());
  }

  private boolean hasValidToken(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    Long expiresAt = tokens.get(authorization.substring("Bearer ".length()));
    return expiresAt != null && System.nanoTime() < expiresAt;
  }

  private String reference() {
    return "SIM-" + references.incrementAndGet();
  }

  private void answer(HttpExchange exchange, int status, String json, Map<String, String> headers)
      throws IOException {
    answer(exchange, status, json, "application/json", headers);
  }

  private void answer(HttpExchange exchange, int status, String text, String contentType,
      Map<String, String> headers) throws IOException {
    if (status >= 400 && status < 500) {
      clientErrors.add(System.nanoTime());
    }
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    if (text == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", contentType);
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    String acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    if (acceptEncoding != null && acceptEncoding.contains("gzip")) {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
        gzip.write(body);
      }
      body = compressed.toByteArray();
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * Runs the simulator until the process is stopped.
   *
   * @param args {@code [--port N] [--scenario S] [--client-id ID --client-secret SECRET]}
   */
  public static void main(String[] args) throws Exception {
    System.exit(serve(args, System.out));
  }

  static final String USAGE = "Usage: PrioticketSimulator [--port N] [--scenario healthy|flapping:2s|503"
      + "[,retry-after=5s][,latency=300ms]] [--client-id ID --client-secret SECRET]";

  static int serve(String[] args, PrintStream out) throws Exception {
    int port = 8080;
    Scenario chosen = Scenario.healthy();
    String clientId = null;
    String clientSecret = null;
    try {
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--port" -> port = Integer.parseInt(value);
          case "--scenario" -> chosen = Scenario.parse(value);
          case "--client-id" -> clientId = value;
          case "--client-secret" -> clientSecret = value;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException unusable) {
      out.println("PrioticketSimulator: " + unusable.getMessage());
      out.println(USAGE);
      return 64;
    }
    try (PrioticketSimulator simulator = start(port).scenario(chosen)) {
      if (clientId != null && clientSecret != null) {
        simulator.credentials(clientId, clientSecret);
      }
      out.println("Prioticket simulator at " + simulator.baseUri() + " (" + chosen + "); stop with Ctrl-C");
      Thread.currentThread().join();
    }
    return 0;
  }
}
