package io.priokit.transport.vertx;

import io.priokit.error.ApiException;
import io.priokit.error.PriokitException;
import io.priokit.spi.TransportFailure;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.Objects;

/**
 * A Vert.x Health Checks procedure that reports Prioticket's status inside an application's health
 * endpoint: UP with the latency and attempts of {@code /system/status}, or DOWN with the error type,
 * HTTP status, {@code error}, {@code error_reference} and attempts. Needs {@code vertx-health-check}
 * on the class path.
 *
 * <pre>{@code
 * HealthChecks checks = HealthChecks.create(vertx);
 * PrioticketHealthCheck.register(checks, VertxSystemHealth.of(client, vertx));
 * }</pre>
 */
public final class PrioticketHealthCheck implements Handler<Promise<Status>> {

  /** The name the procedure is registered under by {@link #register}. */
  public static final String NAME = "prioticket";

  private final VertxSystemHealth health;

  /**
   * Creates the check over a facade.
   *
   * @param health the facade to check through
   */
  public PrioticketHealthCheck(VertxSystemHealth health) {
    this.health = Objects.requireNonNull(health, "health");
  }

  /**
   * Registers the procedure as {@value #NAME}.
   *
   * @param checks the health checks to add the procedure to
   * @param health the facade whose status the procedure calls
   * @return the same health checks
   */
  public static HealthChecks register(HealthChecks checks, VertxSystemHealth health) {
    return checks.register(NAME, new PrioticketHealthCheck(health));
  }

  @Override
  public void handle(Promise<Status> result) {
    health.status().onComplete(answer -> {
      if (answer.succeeded()) {
        result.complete(Status.OK(new JsonObject()
            .put("latency_ms", answer.result().latency().toMillis())
            .put("attempts", answer.result().attempts())));
      } else {
        result.complete(Status.KO(describe(TransportFailure.unwrap(answer.cause()))));
      }
    });
  }

  private static JsonObject describe(Throwable failure) {
    JsonObject data = new JsonObject().put("error_type", failure.getClass().getSimpleName())
        .put("message", failure.getMessage());
    if (failure instanceof PriokitException priokit) {
      data.put("attempts", priokit.attempts());
    }
    if (failure instanceof ApiException api) {
      data.put("http_status", api.statusCode());
      api.errorCode().ifPresent(code -> data.put("error", code));
      api.errorReference().ifPresent(reference -> data.put("error_reference", reference));
    }
    return data;
  }
}
