package io.priokit.spring.boot3;

import io.priokit.PriokitClient;
import io.priokit.system.StatusCheck;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The Prioticket API in Spring Boot 3's actuator health, as {@code prioticket}: the same answers as
 * the Spring Boot 4 indicator of {@code priokit-spring-boot-starter}, from a recent check refreshed in
 * the background, never keeping the actuator waiting longer than its timeout.
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
