package io.priokit.redis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one client did while it could not reach Redis: the requests it sent and the 4xx responses it
 * got within the window, and the permits it still holds. When Redis answers again these are added to
 * the shared windows, so that the fleet counts them. Not thread-safe: its owner holds the lock.
 */
final class OutageLog {

  private final long windowNanos;
  private final ArrayDeque<Event> requests = new ArrayDeque<>();
  private final ArrayDeque<Event> clientErrors = new ArrayDeque<>();
  private final Map<String, Held> held = new LinkedHashMap<>();
  private long version;

  OutageLog(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /** A request admitted for {@code turn}, its permit held until {@code endsBy} at the latest. */
  void request(String id, long turn, long endsBy, RedisBudget.LocalSharePermit permit) {
    requests.add(new Event(id, turn));
    held.put(id, new Held(endsBy, permit));
    version++;
  }

  /** A 4xx response that Redis did not record. */
  void clientError(String id, long at) {
    clientErrors.add(new Event(id, at));
    version++;
  }

  /** A permit of the local share was settled. */
  void ended(RedisBudget.LocalSharePermit permit, boolean clientError, boolean unsent, long now) {
    held.remove(permit.id);
    if (unsent) {
      requests.removeIf(event -> event.id.equals(permit.id));
    }
    if (clientError) {
      clientErrors.add(new Event(permit.id, now));
    }
    version++;
  }

  /** What is to be merged, as of now. */
  Snapshot snapshot(long now) {
    requests.removeIf(event -> event.at + windowNanos <= now);
    clientErrors.removeIf(event -> event.at + windowNanos <= now);
    return new Snapshot(version, now, List.copyOf(requests), List.copyOf(clientErrors), Map.copyOf(held));
  }

  /**
   * The snapshot is in Redis now: its entries leave the log, and its permits are settled in Redis from
   * now on.
   *
   * @return whether nothing happened since the snapshot, so the log is empty
   */
  boolean merged(Snapshot snapshot) {
    snapshot.held.values().forEach(entry -> entry.permit.merged = true);
    requests.removeAll(snapshot.requests);
    clientErrors.removeAll(snapshot.clientErrors);
    snapshot.held.keySet().forEach(held::remove);
    return version == snapshot.version;
  }

  /** A request or 4xx response at a moment on the client's clock. */
  record Event(String id, long at) {}

  /** A permit still held, and the latest it ends. */
  record Held(long endsBy, RedisBudget.LocalSharePermit permit) {}

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
