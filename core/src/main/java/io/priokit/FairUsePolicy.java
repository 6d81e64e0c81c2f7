package io.priokit;

import io.priokit.error.ConfigurationException;

/**
 * Keeps a client within the API's fair-use limits: the API blocks a client for a minute once it has
 * answered 60 responses with a 4xx status within a minute (429 included), and serves at most 1000
 * requests per minute per IP address. Both limits are rolling one-minute windows here too.
 *
 * @param clientErrorsPerMinute how many 4xx responses within a minute make the client refuse to send
 *     (fail fast with {@link io.priokit.error.RequestRejectedException}) until the oldest ages out; set
 *     below the API's 60 to leave room for calls in flight and other processes; 0 turns the guard off
 * @param requestsPerMinute how many requests the client sends within a minute; a call beyond it
 *     waits for its turn, or is refused if the turn comes after its deadline; 0 turns the limit off
 */
public record FairUsePolicy(int clientErrorsPerMinute, int requestsPerMinute) {

  /**
   * Checks the values.
   *
   * @param clientErrorsPerMinute how many 4xx responses within a minute make the client refuse to send (fail fast with {@link io.priokit.error.RequestRejectedException}) until the oldest ages out; set below the API's 60 to leave room for calls in flight and other processes; 0 turns the guard off
   * @param requestsPerMinute how many requests the client sends within a minute; a call beyond it waits for its turn, or is refused if the turn comes after its deadline; 0 turns the limit off
   */
  public FairUsePolicy {
    if (clientErrorsPerMinute < 0 || requestsPerMinute < 0) {
      throw new ConfigurationException("Fair-use limits must not be negative, not "
          + clientErrorsPerMinute + " and " + requestsPerMinute + ".");
    }
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
}
