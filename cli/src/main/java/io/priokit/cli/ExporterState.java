package io.priokit.cli;

import io.priokit.system.Health;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the exporter knows after its latest round: the checks' results and the health they amount to,
 * or nothing yet.
 *
 * @param target the base URI checked
 * @param transport the transport used
 * @param round the latest round's results, empty before the first
 * @param health the health of the latest round, or {@code null} before the first
 */
record ExporterState(URI target, String transport, List<CheckResult> round, Health health) {

  /** A successful check slower than this makes the API DEGRADED, as in core's health streams. */
  static final Duration DEGRADED_ABOVE = Duration.ofSeconds(2);

  static ExporterState starting(URI target, String transport) {
    return new ExporterState(target, transport, List.of(), null);
  }

  /** The state after a round: DOWN if a check failed, DEGRADED if one took retries or was slow, else UP. */
  static ExporterState after(URI target, String transport, List<CheckResult> round) {
    Health health = Health.UP;
    for (CheckResult check : round) {
      if (!check.healthy()) {
        health = Health.DOWN;
      } else if (health == Health.UP && (check.attempts() > 1
          || check.answer().latency().compareTo(DEGRADED_ABOVE) > 0)) {
        health = Health.DEGRADED;
      }
    }
    return new ExporterState(target, transport, List.copyOf(round), health);
  }

  /** Whether a Kubernetes readiness probe should pass: the API is UP or DEGRADED. */
  boolean ready() {
    return health == Health.UP || health == Health.DEGRADED;
  }

  String healthName() {
    return health == null ? "STARTING" : health.name();
  }

  /** One line under the state word. */
  String summary() {
    if (health == null) {
      return "No check yet: " + target + " (" + transport + ")";
    }
    CheckResult failed = round.stream().filter(check -> !check.healthy()).findFirst().orElse(null);
    return failed == null ? "Prioticket answers at " + target + " (" + transport + ")"
        : failed.check() + " failed: " + failed.failure().getClass().getSimpleName()
            + (failed.httpStatus() == 0 ? "" : " " + failed.httpStatus()) + " at " + target + " (" + transport + ")";
  }

  Instant checkedAt() {
    return round.stream().map(CheckResult::finishedAt).max(Instant::compareTo).orElse(null);
  }

  String updated() {
    Instant at = checkedAt();
    return at == null ? "Waiting for the first check." : "Last checked " + at + ".";
  }
}
