package io.priokit.redis;

import io.priokit.spi.SharedHealth;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Shared health streams in Redis: each stream's lease is a key that expires unless its holder renews
 * it, and the leader's last observation another, which outlives a few leases so that a fleet whose
 * leader just died still reads something.
 */
final class RedisSharedHealth implements SharedHealth {

  /** How many leases an observation outlives its publication by. */
  private static final int OBSERVATION_LEASES = 3;

  private final RedisLink link;
  private final FleetKeys keys;

  RedisSharedHealth(RedisLink link, FleetKeys keys) {
    this.link = link;
    this.keys = keys;
  }

  @Override
  public CompletableFuture<Turn> turn(String stream, String holder, Duration lease) {
    return link.run(Lua.HEALTH_TURN, keys.health(stream), holder, millis(lease))
        .thenApply(RedisSharedHealth::turnOf);
  }

  @Override
  public CompletableFuture<Void> publish(String stream, String holder, String observation, Duration lease) {
    return link.run(Lua.HEALTH_PUBLISH, keys.health(stream), holder, observation, millis(lease),
        millis(lease.multipliedBy(OBSERVATION_LEASES))).thenApply(published -> null);
  }

  @Override
  public CompletableFuture<Void> resign(String stream, String holder) {
    return link.run(Lua.HEALTH_RESIGN, new String[] {keys.health(stream)[0]}, holder).thenApply(resigned -> null);
  }

  private static Turn turnOf(List<Object> reply) {
    boolean leads = ((Number) reply.get(0)).intValue() == 1;
    Object seen = reply.size() > 1 ? reply.get(1) : null;
    return new Turn(leads, seen == null ? null : seen.toString());
  }

  private static String millis(Duration duration) {
    return String.valueOf(Math.max(1, duration.toMillis()));
  }
}
