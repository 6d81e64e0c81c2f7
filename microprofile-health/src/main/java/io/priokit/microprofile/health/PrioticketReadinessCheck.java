package io.priokit.microprofile.health;

import io.priokit.PriokitClient;
import io.priokit.system.StatusCheck;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The Prioticket API as a readiness check, {@code prioticket}: UP when {@code GET /system/status}
 * succeeds, DOWN with the failure's type, HTTP status, error code, reference and attempts when it
 * does not, or when no check has answered yet. It checks with the application's
 * {@link PriokitClient} bean if there is one, else with a client of its own made from the
 * {@code priokit.*} properties (see the README) and closed with the application. It never keeps a
 * probe waiting longer than {@code priokit.health.timeout}: it answers from a recent check,
 * refreshed in the background.
 */
@Readiness
@ApplicationScoped
public class PrioticketReadinessCheck implements HealthCheck {

  /** The check's name in the health report. */
  public static final String NAME = "prioticket";

  @Inject
  Instance<PriokitClient> clients;

  @Inject
  Config config;

  private PriokitClient ownClient;
  private StatusCheck check;

  /** Created by the CDI container. */
  public PrioticketReadinessCheck() {}

  /** A check that answers from the given one, without the container. */
  PrioticketReadinessCheck(StatusCheck check) {
    this.check = check;
  }

  /** Picks the application's client or makes one, once the container has injected the fields. */
  @PostConstruct
  void start() {
    PriokitConfig settings = new PriokitConfig(config);
    PriokitClient client;
    if (clients.isResolvable()) {
      client = clients.get();
    } else {
      ownClient = settings.clientBuilder().build();
      client = ownClient;
    }
    check = new StatusCheck(client.async(), client.transportName(), settings.healthTimeout(),
        settings.healthRefreshAfter(), Clock.systemUTC());
  }

  /** Closes the client the check made, if it made one. */
  @PreDestroy
  void stop() {
    if (ownClient != null) {
      ownClient.close();
    }
  }

  @Override
  public HealthCheckResponse call() {
    StatusCheck.Result result = check.current();
    return new HealthCheckResponse(NAME, result.state() == StatusCheck.Result.State.UP
        ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN, Optional.of(result.details()));
  }
}
