package io.priokit.internal;

import io.priokit.FairUsePolicy;
import io.priokit.error.RequestRejectedException.Reason;
import io.priokit.spi.FairUseBudget;
import io.priokit.spi.TimeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default {@link FairUseBudget}: rolling windows in memory. Requests take turns within the rate
 * limit, reserved ahead so that waiting callers go in order; a 429 holds every later turn back; 4xx
 * responses are recorded against the guard, and every permit held counts against it too, so a call
 * that finds the guard's room taken by requests in flight waits in line for one to be settled.
 */
public final class LocalFairUseBudget implements FairUseBudget {

  private final FairUsePolicy policy;
  private final TimeSource time;
  private final RollingWindow requests;
  private final RollingWindow clientErrors;
  private final PriorityQueue<LocalPermit> held = new PriorityQueue<>(Comparator.comparingLong(p -> p.endsBy));
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private long pausedUntil;
  private boolean paused;
  private boolean departureWatched;
  private boolean closed;
  private final ConcurrentLinkedQueue<Runnable> handOver = new ConcurrentLinkedQueue<>();
  private final AtomicInteger handingOver = new AtomicInteger();

  /**
   * @param policy the limits and the window
   * @param time the clock, and the timers of waits in line
   * @param spent what counts as spent from the start
   */
  public LocalFairUseBudget(FairUsePolicy policy, TimeSource time, Spent spent) {
    this.policy = policy;
    this.time = time;
    long window = policy.window().toNanos();
    this.requests = policy.requestsPerWindow() == 0 ? null : new RollingWindow(policy.requestsPerWindow(), window);
    this.clientErrors = policy.clientErrorsPerWindow() == 0 ? null
        : new RollingWindow(policy.clientErrorsPerWindow(), window);
    long now = time.nanoTime();
    for (int i = 0; requests != null && i < Math.min(spent.requests(), policy.requestsPerWindow()); i++) {
      requests.record(now + Math.max(0, spent.requestsAt().toNanos()));
    }
    for (int i = 0; clientErrors != null && i < Math.min(spent.clientErrors(), policy.clientErrorsPerWindow()); i++) {
      clientErrors.record(now + Math.max(0, spent.clientErrorsAt().toNanos()));
    }
  }

  @Override
  public CompletableFuture<Admission> admit(Duration maxWait, Duration attemptLimit) {
    long maxWaitNanos = Math.max(0, maxWait.toNanos());
    long attemptNanos = Math.max(0, attemptLimit.toNanos());
    Waiter waiter;
    long departure = -1;
    synchronized (this) {
      long now = time.nanoTime();
      if (closed) {
        return CompletableFuture.completedFuture(closedRefusal());
      }
      if (clientErrors != null) {
        long blocked = clientErrors.waitNanos(now);
        if (blocked > 0) {
          return CompletableFuture.completedFuture(guardFull(blocked));
        }
        if (!waiting.isEmpty() || !hasRoom(now)) {
          if (maxWaitNanos == 0) {
            return CompletableFuture.completedFuture(noRoomInTime(now));
          }
          waiter = new Waiter(now + maxWaitNanos, attemptNanos);
          waiting.add(waiter);
          if (!departureWatched) {
            departure = clientErrors.nextDepartureNanos(now);
            departureWatched = departure > 0;
          }
        } else {
          return CompletableFuture.completedFuture(turn(now, maxWaitNanos, attemptNanos));
        }
      } else {
        return CompletableFuture.completedFuture(turn(now, maxWaitNanos, attemptNanos));
      }
    }
    // Outside the lock: a timer source may run what it completes on the spot.
    if (departure > 0) {
      time.delay(Duration.ofNanos(departure)).thenRun(this::departed);
    }
    waiter.expiry = time.delay(Duration.ofNanos(maxWaitNanos));
    waiter.expiry.thenRun(() -> expire(waiter));
    if (waiter.admission.isDone()) {
      waiter.cancelExpiry();
    }
    waiter.admission.whenComplete((admission, failure) -> {
      if (failure != null) {
        leaveLine(waiter);
      }
    });
    return waiter.admission;
  }

  /** Fails every call waiting in line as refused; permits already given stay valid to settle. */
  @Override
  public void close() {
    List<Waiter> dropped;
    synchronized (this) {
      closed = true;
      dropped = new ArrayList<>(waiting);
      waiting.clear();
    }
    for (Waiter waiter : dropped) {
      waiter.cancelExpiry();
      waiter.admission.complete(closedRefusal());
    }
  }

  /** Whether the guard has room for one more permit: recorded 4xx plus permits held under its limit. */
  private boolean hasRoom(long now) {
    return clientErrors.count(now) + held.size() < policy.clientErrorsPerWindow();
  }

  /** The rate-limit turn for a request that has room in the guard; takes a permit if it comes in time. */
  private Admission turn(long now, long maxWaitNanos, long attemptNanos) {
    long earliest = paused && pausedUntil > now ? pausedUntil : now;
    long wait;
    if (requests != null) {
      wait = requests.reserve(now, earliest, maxWaitNanos);
      if (wait < 0) {
        return earliest - now > 0 && earliest - now >= maxWaitNanos
            ? new Refused(Reason.THROTTLED, 0, Duration.ofNanos(earliest - now))
            : new Refused(Reason.RATE_LIMIT, policy.requestsPerWindow(), Duration.ofNanos(-wait));
      }
    } else {
      wait = earliest - now;
      if (wait > 0 && wait >= maxWaitNanos) {
        return new Refused(Reason.THROTTLED, 0, Duration.ofNanos(wait));
      }
    }
    LocalPermit permit = new LocalPermit(now + wait, now + wait + attemptNanos);
    if (clientErrors != null) {
      held.add(permit);
    }
    return new Granted(permit, Duration.ofNanos(wait));
  }

  private Refused guardFull(long blockedNanos) {
    return new Refused(Reason.FAIR_USE_GUARD, policy.clientErrorsPerWindow(), Duration.ofNanos(blockedNanos));
  }

  /** A refusal for a call whose wait for room ran out: room comes when a permit ends or a 4xx ages out. */
  private Refused noRoomInTime(long now) {
    long soonest = held.isEmpty() ? Long.MAX_VALUE : Math.max(0, held.peek().endsBy - now);
    long departure = clientErrors.nextDepartureNanos(now);
    if (departure >= 0) {
      soonest = Math.min(soonest, departure);
    }
    return guardFull(soonest == Long.MAX_VALUE ? 0 : soonest);
  }

  private Refused closedRefusal() {
    return new Refused(Reason.FAIR_USE_GUARD, policy.clientErrorsPerWindow(), Duration.ZERO);
  }

  private void settle(LocalPermit permit, int statusCode, Duration pause, boolean unsent) {
    List<Runnable> admitted;
    synchronized (this) {
      if (permit.settled) {
        return;
      }
      permit.settled = true;
      long now = time.nanoTime();
      if (unsent && requests != null) {
        requests.release(permit.turn);
      }
      if (clientErrors != null) {
        held.remove(permit);
        if (statusCode >= 400 && statusCode < 500) {
          clientErrors.record(now);
        }
      }
      if (pause.toNanos() > 0 && (!paused || now + pause.toNanos() > pausedUntil)) {
        paused = true;
        pausedUntil = now + pause.toNanos();
      }
      admitted = admitWaiting(now);
    }
    hand(admitted);
  }

  /**
   * Runs completions outside the lock, one after the other. A completion may run its caller's next
   * step on the spot, which may settle another permit and admit another waiting call: its completions
   * join the queue rather than nest, so that a long line of calls does not become a deep stack.
   */
  private void hand(List<Runnable> completions) {
    handOver.addAll(completions);
    if (handingOver.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      for (Runnable completion; (completion = handOver.poll()) != null; ) {
        completion.run();
      }
      missed = handingOver.addAndGet(-missed);
    } while (missed != 0);
  }

  /**
   * Lets waiting calls in, in order, while the guard has room; refuses them all once recorded 4xx
   * fill it. Returns the completions, to run outside the lock.
   */
  private List<Runnable> admitWaiting(long now) {
    List<Runnable> completions = new ArrayList<>();
    while (!waiting.isEmpty()) {
      long blocked = clientErrors.waitNanos(now);
      if (blocked > 0) {
        Refused refused = guardFull(blocked);
        for (Waiter waiter : waiting) {
          completions.add(() -> waiter.finish(refused));
        }
        waiting.clear();
        break;
      }
      if (!hasRoom(now)) {
        break;
      }
      Waiter waiter = waiting.poll();
      Admission admission = turn(now, Math.max(0, waiter.deadline - now), waiter.attemptNanos);
      completions.add(() -> waiter.finish(admission));
    }
    if (!waiting.isEmpty() && !departureWatched) {
      // Room also comes when a recorded 4xx ages out, with no permit settled to say so.
      long departure = clientErrors.nextDepartureNanos(now);
      if (departure > 0) {
        departureWatched = true;
        completions.add(() -> time.delay(Duration.ofNanos(departure)).thenRun(this::departed));
      }
    }
    return completions;
  }

  private void departed() {
    List<Runnable> admitted;
    synchronized (this) {
      departureWatched = false;
      admitted = admitWaiting(time.nanoTime());
    }
    hand(admitted);
  }

  private void expire(Waiter waiter) {
    Refused refused;
    synchronized (this) {
      if (!waiting.remove(waiter)) {
        return;
      }
      refused = noRoomInTime(time.nanoTime());
    }
    waiter.admission.complete(refused);
  }

  /** A waiting call gave up (its caller cancelled): it leaves the line, and whoever is next may go. */
  private void leaveLine(Waiter waiter) {
    waiter.cancelExpiry();
    List<Runnable> admitted;
    synchronized (this) {
      if (!waiting.remove(waiter)) {
        return;
      }
      admitted = admitWaiting(time.nanoTime());
    }
    hand(admitted);
  }

  /** A call waiting in line for the guard's room. */
  private static final class Waiter {
    final CompletableFuture<Admission> admission = new CompletableFuture<>();
    final long deadline;
    final long attemptNanos;
    volatile CompletableFuture<Void> expiry;

    Waiter(long deadline, long attemptNanos) {
      this.deadline = deadline;
      this.attemptNanos = attemptNanos;
    }

    /** Hands the call its admission; one its caller no longer wants gives its permit back. */
    void finish(Admission granted) {
      cancelExpiry();
      if (!admission.complete(granted) && granted instanceof Granted permit) {
        permit.permit().unused();
      }
    }

    void cancelExpiry() {
      CompletableFuture<Void> timer = expiry;
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }

  /** One admitted request's hold. */
  private final class LocalPermit implements Permit {
    final long turn;
    final long endsBy;
    boolean settled;

    LocalPermit(long turn, long endsBy) {
      this.turn = turn;
      this.endsBy = endsBy;
    }

    @Override
    public void responded(int statusCode, Duration pause) {
      settle(this, statusCode, pause, false);
    }

    @Override
    public void abandoned() {
      settle(this, 0, Duration.ZERO, false);
    }

    @Override
    public void unused() {
      settle(this, 0, Duration.ZERO, true);
    }
  }
}
