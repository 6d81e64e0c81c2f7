package io.priokit.spring.boot;

import io.priokit.PriokitClient;
import io.priokit.system.StatusCheck;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The Prioticket API in the actuator's health, as {@code prioticket}: UP when
 * {@code GET /system/status} succeeds, DOWN with the failure's type, HTTP status, error code,
 * reference and attempts when it does not. It never keeps the actuator waiting longer than its
 * timeout: it answers from a recent check, refreshed in the background.
 */
@SuppressWarnings("exports") // the actuator is an optional module: see module-info
public class PrioticketHealthIndicator implements HealthIndicator {

  private final StatusCheck check;

  /**
   * An indicator of the client's API.
   *
   * @param client the client whose API to check
   * @param timeout the longest it keeps the actuator waiting for a check
   * @param refreshAfter how long it answers from one check before making another
   */
  public PrioticketHealthIndicator(PriokitClient client, Duration timeout, Duration refreshAfter) {
    this.check = new StatusCheck(client.async(), client.transportName(), timeout, refreshAfter,
        Clock.systemUTC());
  }

  @Override
  public Health health() {
    StatusCheck.Result result = check.current();
    Status status = switch (result.state()) {
      case UP -> Status.UP;
      case DOWN -> Status.DOWN;
      case UNKNOWN -> Status.UNKNOWN;
    };
    return Health.status(status).withDetails(result.details()).build();
  }
}
