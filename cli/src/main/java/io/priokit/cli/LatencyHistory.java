package io.priokit.cli;

import io.priokit.system.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last hour of rounds, for the status page's chart: each round's time, its health and the latency
 * of each check (none for a failed one). At most {@value #MAX_ROUNDS} rounds, the oldest dropped first,
 * however short the interval.
 */
final class LatencyHistory {

  static final int MAX_ROUNDS = 3600;
  static final Duration SPAN = Duration.ofHours(1);

  /** One round, as the chart draws it. */
  record Round(Instant time, Health health, Long pingMillis, Long statusMillis) {}

  private final Deque<Round> rounds = new ArrayDeque<>();

  synchronized void add(List<CheckResult> round, Health health) {
    Long ping = null;
    Long status = null;
    Instant time = Instant.EPOCH;
    for (CheckResult result : round) {
      Long millis = result.healthy() ? result.answer().latency().toMillis() : null;
      if (result.check().equals("ping")) {
        ping = millis;
      } else {
        status = millis;
      }
      time = result.finishedAt().isAfter(time) ? result.finishedAt() : time;
    }
    rounds.addLast(new Round(time, health, ping, status));
    Instant horizon = time.minus(SPAN);
    while (rounds.size() > MAX_ROUNDS || rounds.getFirst().time().isBefore(horizon)) {
      rounds.removeFirst();
    }
  }

  synchronized List<Round> rounds() {
    return List.copyOf(rounds);
  }

  /** The rounds as a JSON array of objects: {@code t} (epoch ms), {@code health}, {@code ping}, {@code status}. */
  String json() {
    StringBuilder json = new StringBuilder("[");
    for (Round round : rounds()) {
      if (json.length() > 1) {
        json.append(',');
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("t", round.time().toEpochMilli());
      fields.put("health", round.health().name());
      fields.put("ping", round.pingMillis());
      fields.put("status", round.statusMillis());
      json.append(JsonText.object(fields));
    }
    return json.append(']').toString();
  }
}
