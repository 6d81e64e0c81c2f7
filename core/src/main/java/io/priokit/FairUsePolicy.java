package io.priokit;

import io.priokit.error.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps a client within the API's fair-use limits: the API blocks a client for a minute once it has
 * answered 60 responses with a 4xx status within a minute (429 included), and serves at most 1000
 * requests per minute per IP address. Both limits are rolling windows here too, a minute long unless
 * told otherwise.
 *
 * <p>Every request in flight counts against the 4xx limit until its answer is known, since any of
 * them may come back a 4xx: at no moment can the 4xx responses of the window plus the requests in
 * flight exceed it. So the 4xx limit also bounds how many requests are in flight at once; a call beyond
 * it waits for one of them to finish.
 *
 * @param clientErrorsPerWindow how many 4xx responses within the window make the client refuse to
 *     send (fail fast with {@link io.priokit.error.RequestRejectedException}) until the oldest ages
 *     out; set below the API's 60 to leave room for other processes; 0 turns the guard off
 * @param requestsPerWindow how many requests the client sends within the window; a call beyond it
 *     waits for its turn, or is refused if the turn comes after its deadline; 0 turns the limit off
 * @param window how long a request or a 4xx response counts: the API's minute, shorter only in tests
 */
public record FairUsePolicy(int clientErrorsPerWindow, int requestsPerWindow, Duration window) {

  /** The API's window: its limits are per minute. */
  public static final Duration MINUTE = Duration.ofMinutes(1);

  /**
   * Checks the values.
   *
   * @param clientErrorsPerWindow how many 4xx responses within the window make the client refuse to send
   *     (fail fast with {@link io.priokit.error.RequestRejectedException}) until the oldest ages out;
   *     set below the API's 60 to leave room for other processes; 0 turns the guard off
   * @param requestsPerWindow how many requests the client sends within the window; a call beyond it
   *     waits for its turn, or is refused if the turn comes after its deadline; 0 turns the limit off
   * @param window how long a request or a 4xx response counts: the API's minute, shorter only in tests
   */
  public FairUsePolicy {
    if (clientErrorsPerWindow < 0 || requestsPerWindow < 0) {
      throw new ConfigurationException("Fair-use limits must not be negative, not "
          + clientErrorsPerWindow + " and " + requestsPerWindow + ".");
    }
    Objects.requireNonNull(window, "window");
    if (window.compareTo(Duration.ofMillis(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
      throw new ConfigurationException("The fair-use window must be between a millisecond and a day, not "
          + window + ".");
    }
  }

  /**
   * Limits over the API's one-minute window.
   *
   * @param clientErrorsPerMinute see {@link #clientErrorsPerWindow()}
   * @param requestsPerMinute see {@link #requestsPerWindow()}
   */
  public FairUsePolicy(int clientErrorsPerMinute, int requestsPerMinute) {
    this(clientErrorsPerMinute, requestsPerMinute, MINUTE);
  }

  /**
   * Refuse after 50 client errors in a minute; at most 1000 requests a minute.
   *
   * @return the default policy
   */
  public static FairUsePolicy defaults() {
    return new FairUsePolicy(50, 1000);
  }

  /** {@return no guard and no rate limit: for a simulator, or when something else enforces them} */
  public static FairUsePolicy disabled() {
    return new FairUsePolicy(0, 0);
  }

  /**
   * These limits over a window of another length, such as a few seconds for a test.
   *
   * @param window how long a request or a 4xx response counts
   * @return a policy with the same limits over {@code window}
   */
  public FairUsePolicy withWindow(Duration window) {
    return new FairUsePolicy(clientErrorsPerWindow, requestsPerWindow, window);
  }

  /**
   * One instance's share when {@code instances} share these limits and cannot agree: each limit
   * divided by the number of instances, rounded down, so that the instances together stay within it;
   * but at least 1 where the limit is on, so that each can still send (the shares then add up to more
   * than the limit only if there are more instances than it allows).
   *
   * @param instances how many instances share the limits
   * @return one instance's share
   * @throws ConfigurationException if {@code instances} is less than 1
   */
  public FairUsePolicy shareOf(int instances) {
    if (instances < 1) {
      throw new ConfigurationException("A share needs at least one instance, not " + instances + ".");
    }
    return new FairUsePolicy(share(clientErrorsPerWindow, instances), share(requestsPerWindow, instances), window);
  }

  /** {@return whether neither limit is on} */
  public boolean isDisabled() {
    return clientErrorsPerWindow == 0 && requestsPerWindow == 0;
  }

  private static int share(int limit, int instances) {
    return limit == 0 ? 0 : Math.max(1, limit / instances);
  }
}
