package io.priokit.simulator;

import io.priokit.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * An embedded stand-in for the Prioticket Distributor API, for tests and a first try with no account
 * and no network. It serves {@code GET /system/ping}, {@code GET /system/status} and
 * {@code POST /oauth2/token} under {@code /v3.8/distributor} on a loopback port, in the documented
 * shapes; with {@link #credentials credentials} set it checks them at the token endpoint and asks for a
 * token it issued, and still valid, on {@code /system/status}. A {@link Scenario} makes the System
 * endpoints fail with any status, ask for a wait, answer slowly or break the connection; every request
 * is recorded for the test to inspect.
 *
 * <pre>{@code
 * try (PrioticketSimulator api = PrioticketSimulator.start()) {
 *   api.scenario(Scenario.failing(503).withRetryAfter(Duration.ofSeconds(1)));
 *   PriokitClient client = PriokitClient.builder().environment(api.environment()).build();
 *   // ... call the client, then:
 *   assertThat(api.requests("/system/status")).hasSize(3);
 * }
 * }</pre>
 *
 * <p>It logs nothing and configures no logging. Run as its own process ({@link #main}), it prints its
 * scenario in words, and switches scenario when told so on its control endpoint:
 * {@code PUT /_simulator/scenario} with a scenario's command-line form as the body (see
 * {@link Scenario#parse}); {@code GET /_simulator/scenario} says the current one and
 * {@code GET /_simulator/requests} lists what was received. The control endpoint is there on every
 * simulator and outside the API's base path; its requests are not recorded.
 */
public final class PrioticketSimulator implements AutoCloseable {

  /** The path every API endpoint lives under, as on the real servers. */
  public static final String BASE_PATH = "/v3.8/distributor";

  /** The path of the control endpoint. */
  public static final String CONTROL_PATH = "/_simulator";

  /** At most this many requests are kept for {@link #requests()}: the oldest go first. */
  public static final int MAX_RECORDED = 10_000;

  private static final String STATUS_BODY = "{\"status\":\"OK\",\"message\":\"System OK\",\"simulated\":true}";

  private final SimulatorServer server;
  private final long startedAt = System.nanoTime();
  private final ArrayDeque<RecordedRequest> recorded = new ArrayDeque<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final ArrivalLog arrivals = new ArrivalLog();
  private final ArrivalLog clientErrors = new ArrivalLog();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicLong references = new AtomicLong();
  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  private volatile Active active = new Active(Scenario.healthy());
  private volatile String expectedBasic;
  private volatile Duration tokenLifetime = Duration.ofHours(1);
  private volatile Consumer<String> announcer = words -> { };

  /** A scenario with the time it was set and how many System requests it has answered. */
  private record Active(Scenario scenario, long setAt, AtomicInteger served) {
    Active(Scenario scenario) {
      this(scenario, System.nanoTime(), new AtomicInteger());
    }
  }

  private PrioticketSimulator(int port) throws IOException {
    server = SimulatorServer.start(port, this::answer);
  }

  /**
   * Starts a healthy simulator on a free loopback port.
   *
   * @return the running simulator; close it to stop it
   * @throws UncheckedIOException if no port can be bound
   */
  public static PrioticketSimulator start() {
    return start(0);
  }

  /**
   * Starts a healthy simulator on a loopback port.
   *
   * @param port the port, or 0 for a free one
   * @return the running simulator; close it to stop it
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static PrioticketSimulator start(int port) {
    try {
      return new PrioticketSimulator(port);
    } catch (IOException cannotBind) {
      throw new UncheckedIOException("the simulator could not bind loopback port " + port, cannotBind);
    }
  }

  /**
   * The base URI to give a client.
   *
   * @return such as {@code http://127.0.0.1:41234/v3.8/distributor}
   */
  public URI baseUri() {
    return URI.create(origin() + BASE_PATH);
  }

  /**
   * The simulator as an {@link Environment}, for a client builder.
   *
   * @return a custom environment at {@link #baseUri()}
   */
  public Environment environment() {
    return Environment.custom(baseUri());
  }

  /**
   * Where the scenario can be read ({@code GET}) and switched ({@code PUT} with its command-line form).
   *
   * @return such as {@code http://127.0.0.1:41234/_simulator/scenario}
   */
  public URI scenarioControlUri() {
    return URI.create(origin() + CONTROL_PATH + "/scenario");
  }

  /**
   * Switches how ping and status answer, from the next request on; the count of {@link Scenario#times}
   * and the phases of {@link Scenario#flapping} start now.
   *
   * @param next the scenario
   * @return this simulator
   */
  public PrioticketSimulator scenario(Scenario next) {
    active = new Active(Objects.requireNonNull(next, "scenario"));
    announcer.accept(next.toString());
    return this;
  }

  /**
   * The scenario in force.
   *
   * @return the scenario last set, healthy at first
   */
  public Scenario scenario() {
    return active.scenario();
  }

  /**
   * Requires these client credentials (HTTP Basic) at the token endpoint, and a token it issued on
   * {@code /system/status}. Without them, status is open and any Basic credentials get a token.
   *
   * @param clientId the client id the token endpoint accepts
   * @param clientSecret the client secret the token endpoint accepts
   * @return this simulator
   */
  public PrioticketSimulator credentials(String clientId, String clientSecret) {
    expectedBasic = "Basic " + Base64.getEncoder().encodeToString(
        (Objects.requireNonNull(clientId, "clientId") + ":" + Objects.requireNonNull(clientSecret, "clientSecret"))
            .getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * How long tokens issued from now on live ({@code expires_in}, whole seconds); an hour by default.
   * Status refuses a token after its lifetime with 401.
   *
   * @param lifetime the lifetime, at least a second
   * @return this simulator
   */
  public PrioticketSimulator tokenLifetime(Duration lifetime) {
    if (lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("a token lives at least a second (expires_in counts seconds), not " + lifetime);
    }
    tokenLifetime = lifetime;
    return this;
  }

  /**
   * Ends the life of every token issued so far: the next status call with one of them gets 401, as
   * when the API revokes tokens early.
   *
   * @return this simulator
   */
  public PrioticketSimulator expireTokens() {
    tokens.clear();
    return this;
  }

  /**
   * Every request received so far (the latest {@value #MAX_RECORDED}), in arrival order.
   *
   * @return a snapshot
   */
  public List<RecordedRequest> requests() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  /**
   * The requests received so far for one endpoint, in arrival order.
   *
   * @param path the path below the base path, such as {@code /system/status} or {@code /oauth2/token}
   * @return a snapshot
   */
  public List<RecordedRequest> requests(String path) {
    return requests().stream().filter(request -> request.path().equals(path)).toList();
  }

  /**
   * How many requests reached an endpoint, counted past the {@value #MAX_RECORDED} kept.
   *
   * @param path the path below the base path, such as {@code /system/status}
   * @return the count
   */
  public int requestCount(String path) {
    AtomicInteger count = counts.get(path);
    return count == null ? 0 : count.get();
  }

  /**
   * The most requests that arrived, at any endpoint, within any span of {@code window}: what the API's
   * per-IP rate limit counts. Counts the latest 100,000 requests.
   *
   * @param window the span, such as a minute
   * @return the largest number of arrivals within one span
   */
  public int mostRequestsWithin(Duration window) {
    return arrivals.mostWithin(window);
  }

  /**
   * The most answers with a 4xx status within any span of {@code window}: what the API's one-minute
   * block counts. Counts the latest 100,000 such answers.
   *
   * @param window the span, such as a minute
   * @return the largest number of 4xx answers within one span
   */
  public int mostClientErrorsWithin(Duration window) {
    return clientErrors.mostWithin(window);
  }

  /**
   * Where the simulator listens and what its scenario does, in words.
   *
   * @return such as {@code Prioticket simulator at http://127.0.0.1:41234/v3.8/distributor: ping and
   *     status answer 200 OK}
   */
  @Override
  public String toString() {
    return "Prioticket simulator at " + baseUri() + ": " + scenario();
  }

  /** Stops the simulator at once, ending every connection, hung ones included. */
  @Override
  public void close() {
    server.close();
  }

  /** Has each scenario change said in words, for a simulator run as its own process. */
  void announceTo(Consumer<String> words) {
    announcer = words;
  }

  private String origin() {
    InetSocketAddress address = server.address();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  private Answer answer(IncomingRequest request) {
    if (request.path().startsWith(CONTROL_PATH + "/")) {
      return control(request);
    }
    String path = request.path().startsWith(BASE_PATH) ? request.path().substring(BASE_PATH.length()) : request.path();
    record(path, request);
    Answer answer = switch (path) {
      case "/system/ping" -> system(request, null);
      case "/system/status" -> system(request, STATUS_BODY);
      case "/oauth2/token" -> token(request);
      default -> Answer.json(404, "{\"error\":\"NOT_FOUND\",\"error_description\":\"No such endpoint: "
          + path.replace("\"", "") + "\"}");
    };
    if (answer.status() >= 400 && answer.status() < 500) {
      clientErrors.add(System.nanoTime());
    }
    return answer;
  }

  private void record(String path, IncomingRequest request) {
    long now = System.nanoTime();
    counts.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
    arrivals.add(now);
    RecordedRequest entry = new RecordedRequest(sequence.incrementAndGet(), request.method(), path, request.query(),
        request.headers(), request.bodyText(), Instant.now(), Duration.ofNanos(now - startedAt));
    synchronized (recorded) {
      recorded.addLast(entry);
      if (recorded.size() > MAX_RECORDED) {
        recorded.removeFirst();
      }
    }
  }

  private Answer system(IncomingRequest request, String okBody) {
    if (!request.method().equals("GET")) {
      return Answer.json(405, ErrorBodies.forStatus(405, reference()));
    }
    Active now = active;
    Scenario scenario = now.scenario();
    if (okBody != null && expectedBasic != null && !hasValidToken(request)) {
      return Answer.of(401, "application/json", ErrorBodies.forStatus(401, reference()),
          Map.of("WWW-Authenticate", "Bearer")).shapedBy(Scenario.healthy().withLatency(scenario.latency()));
    }
    int served = now.served().incrementAndGet();
    if (!scenario.appliesTo(served, Duration.ofNanos(System.nanoTime() - now.setAt()))) {
      return Answer.json(200, okBody);
    }
    if (!scenario.isError()) {
      String body = scenario.fault() == Scenario.Fault.TRUNCATED || scenario.fault() == Scenario.Fault.DRIP
          ? STATUS_BODY : okBody;
      return Answer.json(200, body).shapedBy(scenario);
    }
    int status = scenario.status();
    Map<String, String> headers = scenario.retryAfter() == null ? Map.of()
        : Map.of("Retry-After", retryAfterValue(scenario));
    Answer failure = ErrorBodies.isDocumented(status)
        ? Answer.of(status, "application/json", ErrorBodies.forStatus(status, reference()), headers)
        : Answer.of(status, "text/html", ErrorBodies.proxyPage(status), headers);
    return failure.shapedBy(scenario);
  }

  private static String retryAfterValue(Scenario scenario) {
    if (!scenario.retryAfterAsDate()) {
      return String.valueOf(scenario.retryAfter().toSeconds());
    }
    // An HTTP-date has whole seconds: round up, so that the date never lies before the wait's end.
    ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plus(scenario.retryAfter()).plusSeconds(1).withNano(0);
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(at);
  }

  private Answer token(IncomingRequest request) {
    if (!request.method().equals("POST")) {
      return Answer.json(405, ErrorBodies.forStatus(405, reference()));
    }
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.startsWith("Basic ")
        || (expectedBasic != null && !expectedBasic.equals(authorization))) {
      return Answer.of(401, "application/json", ErrorBodies.oauth("invalid_client", "Client authentication failed."),
          Map.of("WWW-Authenticate", "Basic"));
    }
    Map<String, String> grant;
    try {
      grant = FlatJson.parse(request.bodyText());
    } catch (IllegalArgumentException notJson) {
      return Answer.json(400, ErrorBodies.oauth("invalid_request", "The body must be a JSON object."));
    }
    if (!"client_credentials".equals(grant.get("grant_type"))) {
      return Answer.json(400, ErrorBodies.oauth("unsupported_grant_type", "Only client_credentials is supported."));
    }
    long now = System.nanoTime();
    tokens.values().removeIf(expiresAt -> expiresAt <= now);
    String token = "sim-" + UUID.randomUUID();
    Duration lifetime = tokenLifetime;
    tokens.put(token, now + lifetime.toNanos());
    String scope = grant.getOrDefault("scope", "system");
    return Answer.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
        + lifetime.toSeconds() + ",\"scope\":\"" + (scope == null ? "system" : scope.replace("\"", "")) + "\"}");
  }

  private boolean hasValidToken(IncomingRequest request) {
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    Long expiresAt = tokens.get(authorization.substring("Bearer ".length()));
    return expiresAt != null && System.nanoTime() < expiresAt;
  }

  private Answer control(IncomingRequest request) {
    String what = request.path().substring(CONTROL_PATH.length());
    if (what.equals("/scenario") && request.method().equals("GET")) {
      return text(200, scenario() + "\n");
    }
    if (what.equals("/scenario") && (request.method().equals("PUT") || request.method().equals("POST"))) {
      try {
        scenario(Scenario.parse(request.bodyText()));
        return text(200, scenario() + "\n");
      } catch (IllegalArgumentException unreadable) {
        return text(400, unreadable.getMessage() + "\n");
      }
    }
    if (what.equals("/requests") && request.method().equals("GET")) {
      return text(200, requests().stream().map(RecordedRequest::toString).collect(Collectors.joining("\n")) + "\n");
    }
    return text(404, "The control endpoint has GET and PUT " + CONTROL_PATH + "/scenario and GET "
        + CONTROL_PATH + "/requests.\n");
  }

  private static Answer text(int status, String body) {
    return Answer.of(status, "text/plain; charset=utf-8", body, Map.of());
  }

  private String reference() {
    return "SIM-" + references.incrementAndGet();
  }

  /**
   * Runs a simulator until the process is stopped, printing its address and each scenario in words.
   * Arguments: {@code [--port N] [--scenario S] [--client-id ID --client-secret SECRET]}; a command
   * line it cannot read exits with status 64.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int exit = SimulatorCommand.run(args, System.out, System.err);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
