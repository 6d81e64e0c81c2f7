package io.priokit.redis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one client did within the last window, whichever budget admitted it: the requests it sent and
 * the 4xx responses it got, and the permits it still holds. When Redis answers again after being out
 * of reach, or restarted empty, this is added to the shared windows under the same ids, so that the
 * fleet counts it once. Not thread-safe: its owner holds the lock.
 */
final class RecentLog {

  private final long windowNanos;
  private final ArrayDeque<Event> requests = new ArrayDeque<>();
  private final ArrayDeque<Event> clientErrors = new ArrayDeque<>();
  private final Map<String, Held> held = new LinkedHashMap<>();
  private long version;

  RecentLog(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /**
   * A request admitted for {@code turn}, its permit held until {@code endsBy} at the latest.
   *
   * @param localShare the permit, when the local share gave it; {@code null} when Redis did
   */
  void granted(String id, long now, long turn, long endsBy, RedisBudget.LocalSharePermit localShare) {
    prune(now);
    requests.add(new Event(id, turn));
    held.put(id, new Held(endsBy, localShare));
    version++;
  }

  /** A request left at {@code at}, later than its turn: its place moves there. */
  void sent(String id, long at) {
    List<Event> moved = requests.stream().map(event -> event.id.equals(id) ? new Event(id, at) : event).toList();
    requests.clear();
    requests.addAll(moved);
    version++;
  }

  /** A permit was settled. */
  void settled(String id, boolean clientError, boolean unsent, long now) {
    held.remove(id);
    if (unsent) {
      requests.removeIf(event -> event.id.equals(id));
    }
    if (clientError) {
      clientErrors.add(new Event(id, now));
    }
    version++;
  }

  /** Everything within the window as of now, to be merged. */
  Snapshot snapshot(long now) {
    prune(now);
    return new Snapshot(version, now, List.copyOf(requests), List.copyOf(clientErrors), Map.copyOf(held));
  }

  /**
   * The snapshot is in Redis now: the permits of the local share in it are settled in Redis too from
   * now on.
   *
   * @return whether nothing happened since the snapshot
   */
  boolean merged(Snapshot snapshot) {
    snapshot.held.values().stream().filter(entry -> entry.localShare() != null)
        .forEach(entry -> entry.localShare().merged = true);
    return version == snapshot.version;
  }

  private void prune(long now) {
    requests.removeIf(event -> event.at + windowNanos <= now);
    clientErrors.removeIf(event -> event.at + windowNanos <= now);
  }

  /** A request or 4xx response at a moment on the client's clock. */
  record Event(String id, long at) {}

  /** A permit still held, and the latest it ends. */
  record Held(long endsBy, RedisBudget.LocalSharePermit localShare) {}

  /** The log at one moment, and the script arguments that add it to Redis. */
  record Snapshot(long version, long now, List<Event> requests, List<Event> clientErrors, Map<String, Held> held) {

    /** MERGE's arguments: the window, then each set as a count and (id, milliseconds from now) pairs. */
    String[] arguments(String windowMillis) {
      List<String> arguments = new ArrayList<>();
      arguments.add(windowMillis);
      for (List<Event> events : List.of(requests, clientErrors)) {
        arguments.add(String.valueOf(events.size()));
        for (Event event : events) {
          arguments.add(event.id());
          arguments.add(String.valueOf((event.at() - now) / 1_000_000));
        }
      }
      arguments.add(String.valueOf(held.size()));
      held.forEach((id, entry) -> {
        arguments.add(id);
        arguments.add(String.valueOf(Math.max(0, (entry.endsBy() - now) / 1_000_000)));
      });
      return arguments.toArray(String[]::new);
    }
  }
}
