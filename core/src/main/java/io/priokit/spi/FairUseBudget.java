package io.priokit.spi;

import io.priokit.FairUsePolicy;
import io.priokit.error.RequestRejectedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The fair-use budget port: the account, kept per client by default or shared by a fleet, of what
 * the API tolerates from one egress within its window, which is requests (the rate limit) and
 * responses with a 4xx status (the guard). The pipeline asks it for permission before each request
 * and tells it how each one ended; everything else (how long a turn is, what counts, where the
 * account lives) is the budget's.
 *
 * <p>A request holds a {@link Permit} from the moment it is admitted until it is settled: while it
 * is held, the request counts as a possible 4xx, because it may come back as one. So at no moment can
 * the recorded 4xx responses plus the permits held exceed the guard's limit; a request that finds no
 * room because of permits held waits for one to be settled.
 *
 * <p>The budget never blocks a caller's thread: {@link #admit} answers with a future, which a blocking
 * call waits on as it waits for an access token. It completes within the wait it allows plus the
 * budget's own time to decide, which must be bounded (a budget on a remote store answers from a local
 * share when the store is slow or gone, rather than keep calls waiting).
 *
 * <p>{@link #local} is the default: the client's own rolling windows.
 */
public interface FairUseBudget extends AutoCloseable {

  /**
   * Asks to send one request.
   *
   * <p>If the caller cancels the future before it completes, the budget releases whatever it had
   * reserved for it.
   *
   * @param maxWait how long the caller can wait for its turn, which is what is left of its deadline:
   *     a turn that would come later is refused at once, and a wait for a held permit to be settled
   *     ends in a refusal when it runs out
   * @param attemptLimit how long the request may take once sent, which bounds how long its permit is
   *     held: a budget shared between processes lets a permit lapse after its wait and this, so that
   *     a process that dies does not hold it for ever
   * @return the admission: a permit with the delay until the request's turn, or a refusal
   */
  CompletableFuture<Admission> admit(Duration maxWait, Duration attemptLimit);

  /** Stops the budget's timers and fails its waiting admissions as refused. Idempotent. */
  @Override
  default void close() {}

  /**
   * The client's own rolling windows, the default: the 4xx responses and requests of this client
   * alone, kept in memory and timed on the given time source.
   *
   * @param policy the limits
   * @param time the clock and timers
   * @return a budget for one client, or for several in one process that share an egress
   */
  static FairUseBudget local(FairUsePolicy policy, TimeSource time) {
    return new io.priokit.internal.LocalFairUseBudget(policy, time, Spent.NOTHING);
  }

  /**
   * Rolling windows in memory that start with part of them spent: for a share of the limits that
   * takes over from a budget it can no longer see, knowing only how much of that budget was spent.
   *
   * @param policy the limits
   * @param time the clock and timers
   * @param spent what to count as spent from the start
   * @return a budget
   */
  static FairUseBudget local(FairUsePolicy policy, TimeSource time, Spent spent) {
    return new io.priokit.internal.LocalFairUseBudget(policy, time, spent);
  }

  /**
   * Part of a budget counted as spent: requests as sent, and 4xx responses as received, at a moment
   * from now (the latest any of them may be, so that none leaves the window too early). At most the
   * limits are kept.
   *
   * @param requests how many requests
   * @param requestsAt when, from now; zero for now
   * @param clientErrors how many 4xx responses
   * @param clientErrorsAt when, from now; zero for now
   */
  record Spent(int requests, Duration requestsAt, int clientErrors, Duration clientErrorsAt) {

    /** Nothing spent. */
    public static final Spent NOTHING = new Spent(0, Duration.ZERO, 0, Duration.ZERO);

    /**
     * Checks the values.
     *
     * @param requests how many requests
     * @param requestsAt when, from now; zero for now
     * @param clientErrors how many 4xx responses
     * @param clientErrorsAt when, from now; zero for now
     */
    public Spent {
      Objects.requireNonNull(requestsAt, "requestsAt");
      Objects.requireNonNull(clientErrorsAt, "clientErrorsAt");
    }
  }

  /** The answer to {@link #admit}. */
  sealed interface Admission permits Granted, Refused {}

  /**
   * The request may go once {@code delay} has passed; its permit must be settled once it has ended.
   *
   * @param permit the permit to settle
   * @param delay how long until the request's turn; zero for now
   */
  record Granted(Permit permit, Duration delay) implements Admission {

    /**
     * Checks the values.
     *
     * @param permit the permit to settle
     * @param delay how long until the request's turn; zero for now
     */
    public Granted {
      Objects.requireNonNull(permit, "permit");
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * The request must not go.
   *
   * @param reason which limit refused it
   * @param limit that limit, as it applied (for the message); 0 where it has no number
   * @param retryAfter when a request would be admitted again, as far as the budget knows
   */
  record Refused(RequestRejectedException.Reason reason, int limit, Duration retryAfter) implements Admission {

    /**
     * Checks the values.
     *
     * @param reason which limit refused it
     * @param limit that limit, as it applied (for the message); 0 where it has no number
     * @param retryAfter when a request would be admitted again, as far as the budget knows
     */
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /**
   * One admitted request's hold on the budget. Settle it exactly once, with {@link #responded},
   * {@link #abandoned} or {@link #unused}; settling again does nothing.
   */
  interface Permit {

    /**
     * The request is being handed to the transport now, at or after its turn: later than its turn
     * when the caller's thread or the machine was slow. A budget that spaces requests as they leave
     * may move the request's place in its window to now. Does nothing by default.
     */
    default void sending() {}

    /**
     * A response arrived. A 4xx is recorded against the guard; anything else releases the hold.
     *
     * @param statusCode the response's status
     * @param pause how long every caller should hold back from now on, as after a 429; zero for none
     */
    void responded(int statusCode, Duration pause);

    /**
     * The request was sent but ended without a response: the hold is released; its turn stays
     * spent, since the API may have counted the request.
     */
    void abandoned();

    /** The request was never sent: the hold is released and its turn given back. */
    void unused();
  }
}
