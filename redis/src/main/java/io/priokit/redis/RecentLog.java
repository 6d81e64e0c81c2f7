package io.priokit.redis;

import io.priokit.spi.FairUseBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one client did within the last window, whichever budget admitted it: the requests it sent and
 * the 4xx responses it got, and the permits it still holds, each marked by whether Redis has been told
 * of it. When Redis answers again after being out of reach, or restarted empty, all of it is added to
 * the shared windows under the same ids, so that the fleet counts it once; what Redis has not been
 * told of is what a new local share must start from. Not thread-safe: its owner holds the lock.
 */
final class RecentLog {

  private final long windowNanos;
  /** When each request left, or its turn while it has not: in the order they were admitted. */
  private final LinkedHashMap<String, Entry> requests = new LinkedHashMap<>();
  private final LinkedHashMap<String, Entry> clientErrors = new LinkedHashMap<>();
  private final Map<String, Held> held = new LinkedHashMap<>();
  private long version;

  RecentLog(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /**
   * A request admitted for {@code turn}, its permit held until {@code endsBy} at the latest.
   *
   * @param localShare the permit, when the local share gave it (Redis is not told then); {@code null}
   *     when Redis did
   */
  void granted(String id, long now, long turn, long endsBy, RedisBudget.LocalSharePermit localShare) {
    prune(now);
    requests.put(id, new Entry(turn, localShare == null));
    held.put(id, new Held(endsBy, localShare));
    version++;
  }

  /** A request left at {@code at}, later than its turn: its place moves there. */
  void sent(String id, long at) {
    requests.computeIfPresent(id, (request, entry) -> new Entry(at, entry.told()));
    version++;
  }

  /**
   * A permit was settled.
   *
   * @param told whether Redis is being told of how it ended
   */
  void settled(String id, boolean clientError, boolean unsent, long now, boolean told) {
    held.remove(id);
    if (unsent) {
      requests.remove(id);
    }
    if (clientError) {
      clientErrors.put(id, new Entry(now, told));
    }
    version++;
  }

  /** Redis could not be told how a request ended after all. */
  void untold(String id) {
    clientErrors.computeIfPresent(id, (error, entry) -> new Entry(entry.at(), false));
    version++;
  }

  /**
   * What this client did that Redis has not been told of, for a local share to start from: its
   * requests, counted at the latest of them, and its 4xx responses plus the permits of a local share
   * it holds, counted when the last of those may be.
   */
  FairUseBudget.Spent untold(long now) {
    prune(now);
    long lastRequest = now;
    int untoldRequests = 0;
    for (Entry entry : requests.values()) {
      if (!entry.told()) {
        untoldRequests++;
        lastRequest = Math.max(lastRequest, entry.at());
      }
    }
    long lastClientError = now;
    int untoldClientErrors = 0;
    for (Entry entry : clientErrors.values()) {
      if (!entry.told()) {
        untoldClientErrors++;
        lastClientError = Math.max(lastClientError, entry.at());
      }
    }
    for (Held entry : held.values()) {
      if (entry.localShare() != null && !entry.localShare().merged) {
        untoldClientErrors++;
        lastClientError = Math.max(lastClientError, entry.endsBy());
      }
    }
    return new FairUseBudget.Spent(untoldRequests, Duration.ofNanos(lastRequest - now), untoldClientErrors,
        Duration.ofNanos(lastClientError - now));
  }

  /** Everything within the window as of now, to be merged. */
  Snapshot snapshot(long now) {
    prune(now);
    List<Event> sent = new ArrayList<>(requests.size());
    requests.forEach((id, entry) -> sent.add(new Event(id, entry.at())));
    List<Event> answered = new ArrayList<>(clientErrors.size());
    clientErrors.forEach((id, entry) -> answered.add(new Event(id, entry.at())));
    return new Snapshot(version, now, sent, answered, Map.copyOf(held));
  }

  /**
   * The snapshot is in Redis now: Redis has been told of all of it, and the permits of the local share
   * in it are settled in Redis too from now on.
   *
   * @return whether nothing happened since the snapshot
   */
  boolean merged(Snapshot snapshot) {
    snapshot.held.values().stream().filter(entry -> entry.localShare() != null)
        .forEach(entry -> entry.localShare().merged = true);
    snapshot.requests.forEach(event -> requests.computeIfPresent(event.id(), (id, entry) -> new Entry(entry.at(), true)));
    snapshot.clientErrors.forEach(event ->
        clientErrors.computeIfPresent(event.id(), (id, entry) -> new Entry(entry.at(), true)));
    return version == snapshot.version;
  }

  /**
   * Drops what has left the window, from the oldest on: admitted in order, a request that left late
   * may stay a little behind one that did not, which only keeps it longer.
   */
  private void prune(long now) {
    for (LinkedHashMap<String, Entry> entries : List.of(requests, clientErrors)) {
      for (Iterator<Entry> oldest = entries.values().iterator(); oldest.hasNext(); ) {
        if (oldest.next().at() + windowNanos > now) {
          break;
        }
        oldest.remove();
      }
    }
  }

  /** A moment on the client's clock, and whether Redis has been told of what happened then. */
  private record Entry(long at, boolean told) {}

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
