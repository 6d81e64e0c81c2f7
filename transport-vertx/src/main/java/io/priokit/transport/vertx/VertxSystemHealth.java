package io.priokit.transport.vertx;

import io.priokit.PriokitClient;
import io.priokit.system.HealthState;
import io.priokit.system.SystemPing;
import io.priokit.system.SystemStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.Objects;

/**
 * The System endpoints as Vert.x {@link Future}s that complete on the caller's context: called from
 * a verticle, the handlers run on that verticle's event loop, as Vert.x code expects. Failures are
 * {@link io.priokit.error.PriokitException}s, as with every other facade.
 *
 * <pre>{@code
 * VertxSystemHealth health = VertxSystemHealth.of(client, vertx);
 * health.status().onSuccess(status -> log.info("Prioticket OK in {} ms", status.latency().toMillis()));
 * }</pre>
 */
public final class VertxSystemHealth {

  private final PriokitClient client;
  private final Vertx vertx;

  private VertxSystemHealth(PriokitClient client, Vertx vertx) {
    this.client = client;
    this.vertx = vertx;
  }

  /**
   * Returns the facade over a client, completing on Vert.x contexts.
   *
   * @param client the client to call through (any transport; the Vert.x one keeps it all on the event loop)
   * @param vertx the Vert.x instance whose contexts the futures complete on
   * @return the facade
   */
  public static VertxSystemHealth of(PriokitClient client, Vertx vertx) {
    return new VertxSystemHealth(Objects.requireNonNull(client, "client"), Objects.requireNonNull(vertx, "vertx"));
  }

  /**
   * Calls {@code GET /system/ping}; the future completes on the caller's context.
   *
   * @return the ping's answer
   */
  public Future<SystemPing> ping() {
    return Future.fromCompletionStage(client.async().ping(), vertx.getOrCreateContext());
  }

  /**
   * Calls {@code GET /system/status}; the future completes on the caller's context.
   *
   * @return the status's answer
   */
  public Future<SystemStatus> status() {
    return Future.fromCompletionStage(client.async().status(), vertx.getOrCreateContext());
  }

  /**
   * The API's health as a Vert.x stream on the caller's context: polls status every
   * {@code interval} and emits each change (UP, DEGRADED, DOWN with the cause). Setting a handler
   * starts it; {@code pause()} and {@code fetch(n)} control the flow, and while paused only the newest
   * change is kept. It ends when the client closes.
   *
   * @param interval the pause between two checks
   * @return the stream of health changes
   */
  public ReadStream<HealthState> watch(Duration interval) {
    return new HealthReadStream(client.watchHealth(interval), vertx.getOrCreateContext());
  }
}
