package io.priokit.system;

import io.priokit.error.ApiException;
import io.priokit.error.PriokitException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One observation of a health stream: the API's {@link Health}, when it was seen, and why.
 *
 * @param health UP, DEGRADED or DOWN
 * @param observedAt when the check that saw it ended
 * @param latency the round trip of the successful attempt, or {@code null} when DOWN
 * @param attempts how many attempts the check took
 * @param cause why the API is DOWN, or {@code null}
 */
public record HealthState(Health health, Instant observedAt, Duration latency, int attempts, PriokitException cause) {

  /**
   * Checks that a DOWN state has a cause and the others a latency.
   *
   * @param health UP, DEGRADED or DOWN
   * @param observedAt when the check that saw it ended
   * @param latency the round trip of the successful attempt, or {@code null} when DOWN
   * @param attempts how many attempts the check took
   * @param cause why the API is DOWN, or {@code null}
   */
  public HealthState {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(observedAt, "observedAt");
    if ((health == Health.DOWN) != (cause != null)) {
      throw new IllegalArgumentException("a cause is required exactly when DOWN");
    }
  }

  /** {@return why the API is down, if it is} */
  public Optional<PriokitException> failure() {
    return Optional.ofNullable(cause);
  }

  /**
   * Whether this state differs from another in what a watcher cares about: the health, and for DOWN
   * the kind of failure (its type and HTTP status), not the time or the latency.
   *
   * @param other the state seen before, or {@code null}
   * @return whether a watcher should hear of this state
   */
  public boolean differsFrom(HealthState other) {
    if (other == null || health != other.health) {
      return true;
    }
    if (health != Health.DOWN) {
      return false;
    }
    return cause.getClass() != other.cause.getClass() || statusOf(cause) != statusOf(other.cause);
  }

  private static int statusOf(PriokitException failure) {
    return failure instanceof ApiException api ? api.statusCode() : 0;
  }
}
