package io.priokit.redis;

import io.lettuce.core.RedisURI;
import io.priokit.FairUsePolicy;
import io.priokit.error.ConfigurationException;
import io.priokit.spi.BudgetContext;
import io.priokit.spi.FairUseBudget;
import io.priokit.spi.FairUseBudgetFactory;
import io.priokit.spi.SharedHealth;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The fair-use budget of a fleet, shared through Redis: every instance behind one egress IP asks the
 * same Redis before each request, so together they stay within the API's per-IP limits (1000
 * requests a minute; 60 responses with a 4xx status in a minute before a minute's block) and their
 * health streams poll once per interval between them. Give it to each client's builder, or bind it
 * with {@link RedisFairUseModule}:
 *
 * <pre>{@code
 * RedisFairUse fleet = RedisFairUse.builder()
 *     .uri("redis://redis.internal:6379")
 *     .egress("nat-eu-west-1")            // the egress IP these instances share
 *     .expectedInstances(20)              // each goes on under 1/20 of the limits while Redis is down
 *     .build();
 * PriokitClient client = PriokitClient.builder()
 *     .environment(Environment.PRODUCTION)
 *     .credentials(clientId, clientSecret)
 *     .fairUseBudget(fleet)
 *     .build();
 * }</pre>
 *
 * <p>Each request costs one round trip to Redis before it is sent (an atomic script that keeps the
 * sliding windows on Redis's clock, so the instances' clocks do not matter); how it ended is sent
 * after it without waiting. The keys live under {@code {priokit:<api host>/<client id>:<egress>}}, one
 * hash slot, so Redis Cluster works and two fleets never share a budget by accident.
 *
 * <p>Redis slow (no answer within {@link Builder#timeout}) or down never fails a call: the client goes
 * on under its local share of the limits, logs one WARN and tells its listener
 * ({@code budgetModeChanged}), checks Redis again every {@link Builder#recheckEvery}, and goes back to
 * the shared budget by itself, adding what it sent meanwhile. Nothing waits on a Redis that never
 * answers: the connection is opened in the background (the first requests wait for it at most
 * {@link Builder#connectTimeout}) and every command has the timeout.
 *
 * <p>One instance serves any number of clients; it holds the connection and its threads, and is
 * closed by its owner after the clients.
 */
public final class RedisFairUse implements FairUseBudgetFactory, AutoCloseable {

  private final RedisLink link;
  private final String egress;
  private final String keyPrefix;
  private final int expectedInstances;
  private final Duration recheckEvery;

  private RedisFairUse(Builder builder) {
    this.egress = builder.egress;
    this.keyPrefix = builder.keyPrefix;
    this.expectedInstances = builder.expectedInstances;
    this.recheckEvery = builder.recheckEvery;
    this.link = new RedisLink(builder.uri, builder.timeout, builder.connectTimeout, builder.recheckEvery);
  }

  /** {@return a builder; {@link Builder#uri}, {@link Builder#egress} and {@link Builder#expectedInstances} are required} */
  public static Builder builder() {
    return new Builder();
  }

  /** A budget for one client, shared with every client of the same API, client id and egress. */
  @Override
  public FairUseBudget create(FairUsePolicy policy, BudgetContext context) {
    return new RedisBudget(link, keys(context), policy, context, expectedInstances, recheckEvery);
  }

  /** Health streams that poll once per interval for the whole fleet. */
  @Override
  public Optional<SharedHealth> sharedHealth(BudgetContext context) {
    return Optional.of(new RedisSharedHealth(link, keys(context)));
  }

  /** Closes the connection to Redis and stops its threads; close the clients that use it first. */
  @Override
  public void close() {
    link.close();
  }

  /** Names the egress and the expected instances; never the URI, which may hold a password. */
  @Override
  public String toString() {
    return "RedisFairUse[egress=" + egress + ", expectedInstances=" + expectedInstances + "]";
  }

  private FleetKeys keys(BudgetContext context) {
    // Braces would move the hash tag, and with it the keys' slot.
    String apiClient = context.apiClient().replace('{', '(').replace('}', ')');
    return new FleetKeys(keyPrefix != null ? keyPrefix : "priokit:" + apiClient + ":" + egress);
  }

  /** Configures a {@link RedisFairUse}. */
  public static final class Builder {

    private RedisURI uri;
    private String egress;
    private String keyPrefix;
    private int expectedInstances;
    private Duration timeout = Duration.ofMillis(200);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration recheckEvery = Duration.ofSeconds(1);

    private Builder() {}

    /**
     * Where Redis is, as a Redis URI such as {@code redis://host:6379} or {@code rediss://:password@host}.
     *
     * @param uri the Redis URI
     * @return this builder
     * @throws ConfigurationException if it cannot be read (the message never quotes it)
     */
    public Builder uri(String uri) {
      Objects.requireNonNull(uri, "uri");
      try {
        return uri(RedisURI.create(uri));
      } catch (IllegalArgumentException unreadable) {
        throw new ConfigurationException("The Redis URI cannot be read; expected redis://host:port or "
            + "rediss://host:port, with an optional password.");
      }
    }

    /**
     * Where Redis is; its timeout is replaced by {@link #timeout}.
     *
     * @param uri the Redis URI
     * @return this builder
     */
    public Builder uri(RedisURI uri) {
      this.uri = RedisURI.builder(Objects.requireNonNull(uri, "uri")).build();
      return this;
    }

    /**
     * Names the egress IP (or NAT gateway) the instances share, such as {@code nat-eu-west-1}: part of
     * the key prefix, so that fleets behind different IPs keep separate budgets.
     *
     * @param egress a name for the shared egress
     * @return this builder
     */
    public Builder egress(String egress) {
      this.egress = checkedName(egress, "egress");
      return this;
    }

    /**
     * Replaces the whole key prefix ({@code priokit:<api host>/<client id>:<egress>} by default), for
     * a fleet whose instances should share one budget whatever their client id.
     *
     * @param keyPrefix the prefix of every key the budget keeps
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = checkedName(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * How many instances share the egress: while Redis cannot be reached each goes on under this
     * fraction of the limits, so that together they stay within them.
     *
     * @param expectedInstances how many instances share the egress, at least 1
     * @return this builder
     */
    public Builder expectedInstances(int expectedInstances) {
      if (expectedInstances < 1) {
        throw new ConfigurationException("expectedInstances must be at least 1, not " + expectedInstances + ".");
      }
      this.expectedInstances = expectedInstances;
      return this;
    }

    /**
     * How long Redis may take to answer before the client goes on under its local share: 200 ms by
     * default. Every request waits for Redis, so keep it small.
     *
     * @param timeout the longest wait for an answer from Redis
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * How long opening the connection may take, handshake included: 2 s by default. It is opened in
     * the background from {@link #build()} on; the first requests wait for it at most this long, since
     * a fresh process takes longer to connect than to send a command.
     *
     * @param connectTimeout the longest wait for the connection
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * How often a client on its local share checks whether Redis answers again: every second by default.
     *
     * @param recheckEvery the pause between two checks
     * @return this builder
     */
    public Builder recheckEvery(Duration recheckEvery) {
      this.recheckEvery = positive(recheckEvery, "recheckEvery");
      return this;
    }

    /**
     * Builds it, and starts opening the connection in the background: nothing here waits for Redis.
     *
     * @return the fleet's budget, to pass to {@code PriokitClient.Builder.fairUseBudget}
     * @throws ConfigurationException if the URI, the egress or the expected instances are missing
     */
    public RedisFairUse build() {
      if (uri == null) {
        throw new ConfigurationException("No Redis: call uri(\"redis://host:port\") on the builder.");
      }
      if (egress == null && keyPrefix == null) {
        throw new ConfigurationException("No egress: call egress(name) with a name for the IP these instances "
            + "share, so that fleets behind other IPs keep budgets of their own.");
      }
      if (expectedInstances == 0) {
        throw new ConfigurationException("No expectedInstances: call expectedInstances(n) with how many instances "
            + "share the egress; each goes on under 1/n of the limits while Redis cannot be reached.");
      }
      return new RedisFairUse(this);
    }

    private static String checkedName(String name, String what) {
      Objects.requireNonNull(name, what);
      if (name.isBlank() || name.length() > 200 || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '{' && c != '}')) {
        throw new ConfigurationException(what + " must be 1 to 200 visible ASCII characters without braces or "
            + "spaces, which Redis Cluster would read as a hash tag.");
      }
      return name;
    }

    private static Duration positive(Duration duration, String what) {
      Objects.requireNonNull(duration, what);
      if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new ConfigurationException(what + " must be positive and at most 10 minutes, not " + duration + ".");
      }
      return duration;
    }
  }
}
