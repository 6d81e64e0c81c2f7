package io.priokit.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The scripts Redis runs for the fleet, each atomically and on Redis's own clock ({@code TIME}), so
 * that the clocks of the instances do not matter. Every key a script touches shares one hash slot
 * (see {@link FleetKeys}), so the scripts run on Redis Cluster too.
 *
 * @param text the script
 * @param sha its SHA-1, by which Redis runs it once it has it cached
 */
record Lua(String text, String sha) {

  /** Milliseconds on Redis's clock, and a helper that makes a key live at least so long. */
  private static final String PRELUDE = """
      local clock = redis.call('TIME')
      local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
      local function keep(key, ms)
        if ms > 0 and redis.call('PTTL', key) < ms then
          redis.call('PEXPIRE', key, ms)
        end
      end
      """;

  /**
   * Asks for a permit. KEYS: requests, client errors, permits held, hold. ARGV: window, rate limit,
   * guard limit, longest wait, attempt limit (ms), permit id, the rate limit's window (ms, the window
   * with some slack), the earliest turn to give (ms from now). Answers {code, ms, requests in the
   * window, 4xx in the window, permits held, ms to the latest turn, ms to the latest end of a permit
   * held}, as they stand after it: code 0 granted after
   * ms; 1 the guard's room is taken by permits held, try again in about ms; 2 recorded 4xx fill the
   * guard for ms; 3 the rate limit's turn is ms away, too late; 4 the hold after a 429 lasts ms, too
   * long.
   */
  static final Lua ADMIT = of(PRELUDE + """
      local window = tonumber(ARGV[1])
      local rateLimit = tonumber(ARGV[2])
      local guardLimit = tonumber(ARGV[3])
      local maxWait = tonumber(ARGV[4])
      local attempt = tonumber(ARGV[5])
      local id = ARGV[6]
      local rateWindow = tonumber(ARGV[7])
      local notBefore = now + tonumber(ARGV[8])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - rateWindow)
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
      redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
      local sent = redis.call('ZCARD', KEYS[1])
      local recorded = redis.call('ZCARD', KEYS[2])
      local held = redis.call('ZCARD', KEYS[3])
      local function latest(key)
        local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
        if last[2] then
          return math.max(0, tonumber(last[2]) - now)
        end
        return 0
      end
      local function answer(code, ms)
        return {code, ms, sent, recorded, held, latest(KEYS[1]), latest(KEYS[3])}
      end
      if guardLimit > 0 then
        if recorded >= guardLimit then
          local oldest = redis.call('ZRANGE', KEYS[2], recorded - guardLimit, recorded - guardLimit, 'WITHSCORES')
          return answer(2, tonumber(oldest[2]) + window - now)
        end
        if recorded + held >= guardLimit then
          local soonest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
          local room = tonumber(soonest[2]) - now
          if recorded > 0 then
            local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
            room = math.min(room, tonumber(first[2]) + window - now)
          end
          return answer(1, room)
        end
      end
      local earliest = now
      local hold = tonumber(redis.call('GET', KEYS[4]) or '0')
      if hold > earliest then
        earliest = hold
      end
      local turn = math.max(earliest, notBefore)
      if rateLimit > 0 and sent >= rateLimit then
        local place = redis.call('ZRANGE', KEYS[1], sent - rateLimit, sent - rateLimit, 'WITHSCORES')
        turn = math.max(turn, tonumber(place[2]) + rateWindow)
      end
      local wait = turn - now
      if wait > 0 and wait >= maxWait then
        if earliest > now and earliest - now >= maxWait then
          return answer(4, earliest - now)
        end
        return answer(3, wait)
      end
      if rateLimit > 0 then
        redis.call('ZADD', KEYS[1], turn, id)
        keep(KEYS[1], wait + rateWindow)
        sent = sent + 1
      end
      if guardLimit > 0 then
        redis.call('ZADD', KEYS[3], turn + attempt, id)
        keep(KEYS[3], wait + attempt)
        held = held + 1
      end
      return answer(0, wait)
      """);

  /**
   * Settles a permit. KEYS: requests, client errors, permits held, hold. ARGV: permit id, status (0
   * for none), window, hold after a 429 (ms, 0 for none), 1 if the request was never sent, how long
   * after its turn the request left (ms), which moves its place in the window that much later.
   */
  static final Lua SETTLE = of(PRELUDE + """
      local id = ARGV[1]
      local status = tonumber(ARGV[2])
      local window = tonumber(ARGV[3])
      local pause = tonumber(ARGV[4])
      local late = tonumber(ARGV[6])
      redis.call('ZREM', KEYS[3], id)
      if ARGV[5] == '1' then
        redis.call('ZREM', KEYS[1], id)
      elseif late > 0 then
        local place = redis.call('ZSCORE', KEYS[1], id)
        if place then
          redis.call('ZADD', KEYS[1], tonumber(place) + late, id)
        end
      end
      if status >= 400 and status < 500 then
        redis.call('ZADD', KEYS[2], now, id)
        keep(KEYS[2], window)
      end
      if pause > 0 then
        local ends = now + pause
        if ends > tonumber(redis.call('GET', KEYS[4]) or '0') then
          redis.call('SET', KEYS[4], ends, 'PX', pause)
        end
      end
      return {1}
      """);

  /**
   * Adds what an instance did lately, so that the shared windows count it after Redis was out of
   * reach or restarted empty; entries Redis still has are only rewritten, under the same ids.
   * KEYS: requests, client errors, permits held. ARGV: window, then the requests as a count and
   * (id, ms from now) pairs, the 4xx responses likewise, and the permits still held as a count and
   * (id, ms until they end) pairs.
   */
  static final Lua MERGE = of(PRELUDE + """
      local window = tonumber(ARGV[1])
      local at = 2
      for set = 1, 3 do
        local count = tonumber(ARGV[at])
        at = at + 1
        for i = 1, count do
          local offset = tonumber(ARGV[at + 1])
          redis.call('ZADD', KEYS[set], now + offset, ARGV[at])
          keep(KEYS[set], offset + (set == 3 and 0 or window))
          at = at + 2
        end
      end
      return {1}
      """);

  /**
   * A round of a shared health stream. KEYS: lease, observation. ARGV: holder, lease (ms). Answers
   * {1 if the holder leads, the observation or nil}.
   */
  static final Lua HEALTH_TURN = of("""
      local holder = redis.call('GET', KEYS[1])
      local seen = redis.call('GET', KEYS[2])
      if not holder or holder == ARGV[1] then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return {1, seen}
      end
      return {0, seen}
      """);

  /**
   * The leader publishes what it saw, if it still leads. KEYS: lease, observation. ARGV: holder,
   * observation, lease (ms), how long the observation stays readable (ms). Answers {1} if published.
   */
  static final Lua HEALTH_PUBLISH = of("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
        return {1}
      end
      return {0}
      """);

  /** A holder gives its lease up. KEYS: lease. ARGV: holder. */
  static final Lua HEALTH_RESIGN = of("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        redis.call('DEL', KEYS[1])
        return {1}
      end
      return {0}
      """);

  private static Lua of(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return new Lua(text, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException impossible) {
      // Every Java platform has SHA-1 (java.security.MessageDigest's required algorithms).
      throw new IllegalStateException(impossible);
    }
  }
}
