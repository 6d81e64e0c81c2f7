package io.priokit.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.priokit.PriokitClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code priokit-health --serve}: one client, one round of checks per interval, and what they found
 * served over HTTP: {@code /metrics} (Prometheus text), {@code /healthz} (liveness: this process is
 * checking), {@code /readyz} (readiness: the API is UP or DEGRADED), {@code /} (a status page) and
 * {@code /status.json} (what the page shows). It replaces a Kubernetes exec probe that starts a JVM
 * for every check.
 */
final class HealthExporter implements AutoCloseable {

  private final PriokitClient client;
  private final CheckRound checks;
  private final Duration interval;
  private final Duration timeout;
  private final Clock clock;
  private final HealthMetrics metrics;
  private final LatencyHistory history = new LatencyHistory();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
      daemon("priokit-health-poller"));
  private final ExecutorService handlers = Executors.newFixedThreadPool(2, daemon("priokit-health-http"));
  private final HttpServer server;
  private final Instant startedAt;
  private volatile ExporterState state;
  private volatile Instant lastRoundEndedAt;

  private HealthExporter(PriokitClient client, URI target, Duration interval, Duration timeout,
      InetSocketAddress address, String version, Clock clock) throws IOException {
    this.client = client;
    this.interval = interval;
    this.timeout = timeout;
    this.clock = clock;
    this.checks = new CheckRound(client, target, timeout, clock);
    this.metrics = new HealthMetrics(client.transportName(), target.toString(), version);
    this.state = ExporterState.starting(target, client.transportName());
    this.startedAt = clock.instant();
    this.server = HttpServer.create(address, 50);
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
  }

  /**
   * Starts serving and checking: the first round at once, then one every interval after the last ended.
   *
   * @param client the client to check with; the exporter closes it
   * @param target the base URI checked
   * @param interval the pause between rounds
   * @param timeout what one round may take
   * @param address where to listen; port 0 for a free one
   * @param version this build's version, for {@code priokit_health_info}
   * @return the running exporter
   * @throws IOException if the address cannot be bound
   */
  static HealthExporter start(PriokitClient client, URI target, Duration interval, Duration timeout,
      InetSocketAddress address, String version) throws IOException {
    HealthExporter exporter = new HealthExporter(client, target, interval, timeout, address, version,
        Clock.systemUTC());
    exporter.server.start();
    exporter.poller.scheduleWithFixedDelay(exporter::round, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    return exporter;
  }

  /** Where the exporter listens. */
  InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops checking and serving, and closes the client. */
  @Override
  public void close() {
    poller.shutdownNow();
    server.stop(0);
    handlers.shutdownNow();
    client.close();
  }

  private void round() {
    try {
      List<CheckResult> round = checks.run();
      ExporterState next = ExporterState.after(state.target(), state.transport(), round);
      metrics.record(round, next.health());
      history.add(round, next.health());
      state = next;
      lastRoundEndedAt = clock.instant();
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Alive while rounds keep ending: a poller stuck for three intervals and timeouts is worth a restart.
   */
  private boolean alive() {
    Instant last = lastRoundEndedAt == null ? startedAt : lastRoundEndedAt;
    Duration allowed = interval.plus(timeout).multipliedBy(3);
    return !poller.isShutdown() && Duration.between(last, clock.instant()).compareTo(allowed) <= 0;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "Only GET and HEAD.\n");
        return;
      }
      ExporterState now = state;
      switch (exchange.getRequestURI().getPath()) {
        case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
        case "/healthz" -> send(exchange, alive() ? 200 : 503, "text/plain; charset=utf-8",
            alive() ? "ok: checking every " + interval + "\n" : "stuck: no round ended lately\n");
        case "/readyz" -> send(exchange, now.ready() ? 200 : 503, "text/plain; charset=utf-8",
            now.healthName() + ": " + now.summary() + "\n");
        case "/" -> send(exchange, 200, "text/html; charset=utf-8", StatusPage.render(now, refresh()));
        case "/status.json" -> send(exchange, 200, "application/json", statusJson(now));
        default -> send(exchange, 404, "text/plain; charset=utf-8",
            "Not here: try /, /metrics, /healthz, /readyz or /status.json.\n");
      }
    }
  }

  /** How often the page refreshes: as often as there can be news, but not more than once a second. */
  private Duration refresh() {
    return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
  }

  private String statusJson(ExporterState now) {
    List<String> checksJson = new ArrayList<>();
    for (CheckResult check : now.round()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("check", check.check());
      fields.put("healthy", check.healthy());
      fields.put("latency_ms", check.healthy() ? check.answer().latency().toMillis() : null);
      fields.put("http_status", check.httpStatus());
      fields.put("attempts", check.attempts());
      fields.put("message", check.healthy() ? null : check.message());
      checksJson.add(JsonText.object(fields));
    }
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("health", now.healthName());
    head.put("summary", now.summary());
    head.put("updated", now.updated());
    head.put("target", now.target().toString());
    head.put("transport", now.transport());
    head.put("now", clock.millis());
    String object = JsonText.object(head);
    return object.substring(0, object.length() - 1) + ",\"checks\":[" + String.join(",", checksJson)
        + "],\"history\":" + history.json() + "}";
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
