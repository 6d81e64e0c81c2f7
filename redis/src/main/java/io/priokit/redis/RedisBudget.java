package io.priokit.redis;

import io.priokit.FairUsePolicy;
import io.priokit.error.RequestRejectedException.Reason;
import io.priokit.observe.BudgetModeChanged;
import io.priokit.spi.BudgetContext;
import io.priokit.spi.FairUseBudget;
import io.priokit.spi.FairUseBudget.Spent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's view of the budget its fleet shares in Redis. Each admission is one script run on
 * Redis's clock; each settlement is another, sent without waiting for its answer. A call that finds
 * the guard's room taken by permits held across the fleet waits in this client's line, whose first
 * call asks Redis again every few milliseconds, or at once when a permit of this client is settled.
 *
 * <p>When Redis fails or does not answer in time, the client goes on under its local share of the
 * limits (one event, logged once as a WARN), and checks Redis again at an interval. The share starts
 * as spent as the fleet's budget was when Redis last answered, divided among the instances: none of
 * them knows what the others do meanwhile, so each takes no more than its part of what was left.
 * When Redis answers again, what this client did within the window is added to the shared windows
 * (Redis may have restarted empty) and the client is back on them, held to its local share as well
 * for a window, while the other instances may still be on theirs. Calls never fail because Redis
 * does: the local share admits them instead.
 */
final class RedisBudget implements FairUseBudget {

  /** How soon the first call in line asks again, at most: room freed by another instance shows no sooner. */
  static final Duration POLL = Duration.ofMillis(25);

  /** The part of the rate limit's slack that does not grow with the window. */
  static final Duration LAG = Duration.ofMillis(250);

  /**
   * The rate limit's window with its slack: a hundredth of it plus {@link #LAG}. Turns are spaced on
   * Redis's clock, but the API counts requests as they arrive: a request leaves a little after its
   * turn on a busy host, and the instances' latencies to the API differ. Requests a window and the
   * slack apart on Redis still arrive a window apart.
   */
  static Duration rateWindow(Duration window) {
    return window.plus(window.dividedBy(100)).plus(LAG);
  }

  private final RedisLink link;
  private final FleetKeys keys;
  private final FairUsePolicy policy;
  private final BudgetContext context;
  private final int instances;
  private final Duration recheckEvery;
  private final String instance = Long.toHexString(ThreadLocalRandom.current().nextLong());
  private final AtomicLong permits = new AtomicLong();

  private final Object lock = new Object();
  private final ArrayDeque<Request> line = new ArrayDeque<>();
  private final RecentLog recent;
  private volatile boolean shared = true;
  private volatile FairUseBudget localShare;
  private Known lastKnown;
  /**
   * Until when, on this client's clock, admissions back on Redis also need the local share: for a
   * window after an outage, while other instances may still be on theirs, unknown to Redis.
   */
  private volatile long localShareUntil;
  private volatile boolean recovering;
  private boolean polling;
  private boolean closed;

  /**
   * @param instances how many instances share the budget: each local share is this fraction of it
   * @param recheckEvery how often to check whether Redis answers again
   */
  RedisBudget(RedisLink link, FleetKeys keys, FairUsePolicy policy, BudgetContext context, int instances,
      Duration recheckEvery) {
    this.link = link;
    this.keys = keys;
    this.policy = policy;
    this.context = context;
    this.instances = instances;
    this.recheckEvery = recheckEvery;
    this.recent = new RecentLog(policy.window().toNanos());
  }

  @Override
  public CompletableFuture<Admission> admit(Duration maxWait, Duration attemptLimit) {
    Request request = new Request(context.time().nanoTime() + Math.max(0, maxWait.toNanos()), attemptLimit);
    if (!shared) {
      return viaLocalShare(request.remaining(context.time().nanoTime()), attemptLimit);
    }
    admitShared(request);
    return request.admission;
  }

  /** Asks Redis for the request, or puts it in line behind calls already waiting for the guard's room. */
  private void admitShared(Request request) {
    boolean ask;
    boolean refuse;
    synchronized (lock) {
      refuse = closed;
      ask = !refuse && line.isEmpty();
      if (!refuse && !ask) {
        // Behind calls already in line, whose first asks for all of them.
        queue(request);
      }
    }
    if (refuse) {
      request.finish(closedRefusal());
    } else if (ask) {
      ask(request, false);
    }
  }

  /** Refuses every call in line, and stops the local share; permits given stay valid to settle. */
  @Override
  public void close() {
    List<Request> waiting;
    synchronized (lock) {
      closed = true;
      waiting = new ArrayList<>(line);
      line.clear();
    }
    waiting.forEach(request -> request.finish(closedRefusal()));
    FairUseBudget share = localShare;
    if (share != null) {
      share.close();
    }
  }

  // ---------------------------------------------------------------- shared: Redis decides

  /**
   * Asks Redis for a permit; {@code fromLine} when the request is the first in line. For a window after
   * an outage the local share is asked first, and Redis for a turn no earlier than the share's, so
   * that Redis places the request when it really leaves.
   */
  private void ask(Request request, boolean fromLine) {
    if (!alsoLocalShare()) {
      askRedis(request, fromLine, null, Duration.ZERO);
      return;
    }
    localShare.admit(Duration.ofNanos(request.remaining(context.time().nanoTime())), request.attemptLimit)
        .whenComplete((admission, failure) -> {
          if (admission instanceof Granted local) {
            askRedis(request, fromLine, local.permit(), local.delay());
            return;
          }
          if (fromLine) {
            leaveLine(request);
          }
          if (failure == null) {
            request.finish(admission);
          } else {
            request.admission.completeExceptionally(failure);
          }
          if (fromLine) {
            pollNext();
          }
        });
  }

  /**
   * @param local the local share's permit for the request, or {@code null}
   * @param notBefore the earliest turn Redis may give, from now
   */
  private void askRedis(Request request, boolean fromLine, Permit local, Duration notBefore) {
    long now = context.time().nanoTime();
    String id = instance + ":" + permits.incrementAndGet();
    link.run(Lua.ADMIT, keys.budget(), millis(policy.window().toNanos()), String.valueOf(policy.requestsPerWindow()),
            String.valueOf(policy.clientErrorsPerWindow()), millis(request.remaining(now)),
            millis(request.attemptLimit.toNanos()), id, millis(rateWindow(policy.window()).toNanos()),
            millis(notBefore.toNanos()))
        .whenComplete((reply, failure) -> {
          if (failure != null) {
            if (local != null) {
              local.unused();
            }
            fallBack(failure);
            if (fromLine) {
              moveLineToLocalShare();
            } else {
              toLocalShare(request);
            }
            return;
          }
          long at = context.time().nanoTime();
          synchronized (lock) {
            lastKnown = new Known(number(reply, 2), number(reply, 5), number(reply, 3) + number(reply, 4),
                number(reply, 6), at);
          }
          int code = (int) number(reply, 0);
          if (code != 0 && local != null) {
            local.unused();
          }
          answered(request, fromLine, id, code, number(reply, 1), at, local);
        });
  }

  private void answered(Request request, boolean fromLine, String id, int code, long millis, long now,
      Permit local) {
    Duration after = Duration.ofMillis(Math.max(0, millis));
    switch (code) {
      case 0 -> {
        if (fromLine) {
          leaveLine(request);
        }
        SharedPermit permit = new SharedPermit(id, now + after.toNanos());
        synchronized (lock) {
          recent.granted(id, now, permit.turn, permit.turn + request.attemptLimit.toNanos(), null);
        }
        request.finish(new Granted(local == null ? permit : new BothPermit(permit, local), after));
        if (fromLine) {
          pollNext();
        }
      }
      case 1 -> {
        request.roomIn = after;
        synchronized (lock) {
          if (!fromLine) {
            queue(request);
          }
          polling = false;
        }
        pollAfter(after.compareTo(POLL) < 0 ? after : POLL);
      }
      case 2 -> refuseLine(request, new Refused(Reason.FAIR_USE_GUARD, policy.clientErrorsPerWindow(), after));
      default -> {
        if (fromLine) {
          leaveLine(request);
        }
        request.finish(code == 3 ? new Refused(Reason.RATE_LIMIT, policy.requestsPerWindow(), after)
            : new Refused(Reason.THROTTLED, 0, after));
        if (fromLine) {
          pollNext();
        }
      }
    }
  }

  /** Recorded 4xx fill the guard: the request and every call in line are refused alike. */
  private void refuseLine(Request request, Refused refused) {
    List<Request> waiting;
    synchronized (lock) {
      waiting = new ArrayList<>(line);
      line.clear();
      polling = false;
    }
    request.finish(refused);
    waiting.forEach(other -> other.finish(refused));
  }

  /**
   * Puts a request at the end of the line, to be refused when its wait runs out; whoever queues the
   * first in line sees that it is polled for. Holds the lock.
   */
  private void queue(Request request) {
    line.add(request);
    request.admission.whenComplete((admission, failure) -> {
      if (failure != null) {
        leaveLine(request);
      }
    });
    long remaining = request.remaining(context.time().nanoTime());
    request.expiry = context.time().delay(Duration.ofNanos(remaining));
    request.expiry.thenRun(() -> {
      if (leaveLine(request)) {
        request.finish(new Refused(Reason.FAIR_USE_GUARD, policy.clientErrorsPerWindow(), request.roomIn));
      }
    });
  }

  private boolean leaveLine(Request request) {
    synchronized (lock) {
      return line.remove(request);
    }
  }

  /** Asks again for the first call in line. */
  private void poll() {
    Request head;
    synchronized (lock) {
      head = line.peek();
      if (head == null || !shared) {
        polling = false;
        return;
      }
    }
    ask(head, true);
  }

  private void pollAfter(Duration after) {
    synchronized (lock) {
      if (polling || line.isEmpty()) {
        return;
      }
      polling = true;
    }
    context.time().delay(after).thenRun(this::poll);
  }

  /** The first call in line was answered: the next one asks at once. */
  private void pollNext() {
    synchronized (lock) {
      polling = false;
    }
    pollSoon();
  }

  /** A permit of this client was settled, which may have made room: the first call in line asks now. */
  private void pollSoon() {
    synchronized (lock) {
      if (polling || line.isEmpty() || !shared) {
        return;
      }
      polling = true;
    }
    poll();
  }

  /**
   * Tells Redis how a request ended, and how late it left, without waiting; a Redis that cannot be
   * told is fallen back from.
   */
  private void settleInRedis(String id, int statusCode, Duration pause, boolean unsent, long lateNanos) {
    link.run(Lua.SETTLE, keys.budget(), id, String.valueOf(statusCode), millis(policy.window().toNanos()),
            millis(pause.toNanos()), unsent ? "1" : "0", millis(lateNanos))
        .whenComplete((reply, failure) -> {
          if (failure != null) {
            synchronized (lock) {
              recent.untold(id);
            }
            fallBack(failure);
          }
        });
  }

  // ---------------------------------------------------------------- local share: Redis cannot be reached

  private void fallBack(Throwable failure) {
    synchronized (lock) {
      if (!shared || closed) {
        return;
      }
      long now = context.time().nanoTime();
      localShare = FairUseBudget.local(policy.shareOf(instances).withWindow(rateWindow(policy.window())),
          context.time(), plus(spentShare(now), recent.untold(now)));
      recovering = false;
      shared = false;
    }
    context.modeChanges().accept(new BudgetModeChanged(keys.name(), BudgetModeChanged.Mode.LOCAL_SHARE,
        "Redis " + link.describe(failure) + "; checking again every " + recheckEvery.toMillis() + " ms"));
    moveLineToLocalShare();
    context.time().delay(recheckEvery).thenRun(this::recheck);
  }

  /**
   * This instance's part of what the fleet had spent when Redis last answered, counted as spent at
   * the latest moment any of it may be: requests at the furthest turn given, 4xx responses and
   * permits held when the last permit held must end. Nothing when Redis has not answered within the
   * window: the share is then the plain fraction of the limits. Holds the lock.
   */
  private Spent spentShare(long now) {
    if (lastKnown == null || now - lastKnown.at >= policy.window().toNanos()) {
      return Spent.NOTHING;
    }
    long sinceKnown = now - lastKnown.at;
    return new Spent(part(lastKnown.requests), Duration.ofNanos(lastKnown.lastTurnIn * 1_000_000 - sinceKnown),
        part(lastKnown.clientErrors), Duration.ofNanos(lastKnown.lastHeldIn * 1_000_000 - sinceKnown));
  }

  /**
   * The fleet's part and what this instance did that Redis was not told of, added: that is in no count
   * Redis gave, such as what it did under a local share before Redis, back for a moment, failed again.
   */
  private static Spent plus(Spent fleet, Spent own) {
    return new Spent(fleet.requests() + own.requests(), later(fleet.requestsAt(), own.requestsAt()),
        fleet.clientErrors() + own.clientErrors(), later(fleet.clientErrorsAt(), own.clientErrorsAt()));
  }

  private static Duration later(Duration first, Duration second) {
    return first.compareTo(second) > 0 ? first : second;
  }

  private int part(long fleetSpent) {
    return (int) Math.min(Integer.MAX_VALUE, (fleetSpent + instances - 1) / instances);
  }

  private void moveLineToLocalShare() {
    List<Request> waiting;
    synchronized (lock) {
      waiting = new ArrayList<>(line);
      line.clear();
      polling = false;
    }
    waiting.forEach(this::toLocalShare);
  }

  private void toLocalShare(Request request) {
    viaLocalShare(request.remaining(context.time().nanoTime()), request.attemptLimit)
        .whenComplete((admission, failure) -> {
          if (failure == null) {
            request.finish(admission);
          } else {
            request.admission.completeExceptionally(failure);
          }
        });
  }

  /**
   * An admission by the local share, its permit noted for the merge when Redis is back. Cancelling
   * the answer cancels the local share's admission.
   */
  private CompletableFuture<Admission> viaLocalShare(long maxWaitNanos, Duration attemptLimit) {
    long asked = context.time().nanoTime();
    CompletableFuture<Admission> local = localShare.admit(Duration.ofNanos(maxWaitNanos), attemptLimit);
    CompletableFuture<Admission> answer = new CompletableFuture<>();
    local.whenComplete((admission, failure) -> {
      if (failure != null) {
        answer.completeExceptionally(failure);
        return;
      }
      Admission noted = admission;
      if (admission instanceof Granted granted) {
        long now = context.time().nanoTime();
        long turn = now + granted.delay().toNanos();
        LocalSharePermit permit = new LocalSharePermit(instance + ":" + permits.incrementAndGet(), granted.permit());
        boolean stillLocal;
        synchronized (lock) {
          // Under the lock the client goes back to Redis with: a permit noted here is merged first.
          stillLocal = !shared;
          if (stillLocal) {
            recent.granted(permit.id, now, turn, turn + attemptLimit.toNanos(), permit);
          }
        }
        if (!stillLocal) {
          // Back on Redis while this call waited for its share: Redis would not know of it; ask Redis.
          granted.permit().unused();
          Request again = new Request(asked + maxWaitNanos, attemptLimit);
          again.admission.whenComplete((answered, failed) -> {
            if (failed != null) {
              answer.completeExceptionally(failed);
            } else if (!answer.complete(answered) && answered instanceof Granted late) {
              late.permit().unused();
            }
          });
          admitShared(again);
          return;
        }
        noted = new Granted(permit, granted.delay());
      }
      if (!answer.complete(noted) && noted instanceof Granted granted) {
        granted.permit().unused();
      }
    });
    answer.whenComplete((admission, failure) -> {
      if (answer.isCancelled()) {
        local.cancel(true);
      }
    });
    return answer;
  }

  /**
   * Checks whether Redis answers again by adding what this client did within the window to the shared
   * windows; once all of it is there, the client is back on them. Other instances may not have
   * noticed yet and still be on their local shares, unknown to Redis: for a window, an admission
   * needs the local share's permit too, so that each instance stays within its share until all are
   * back.
   */
  private void recheck() {
    RecentLog.Snapshot snapshot;
    synchronized (lock) {
      if (shared || closed) {
        return;
      }
      snapshot = recent.snapshot(context.time().nanoTime());
    }
    link.run(Lua.MERGE, keys.budget(), snapshot.arguments(millis(policy.window().toNanos())))
        .whenComplete((reply, failure) -> {
          boolean back;
          synchronized (lock) {
            back = failure == null && recent.merged(snapshot);
            if (back) {
              localShareUntil = context.time().nanoTime() + rateWindow(policy.window()).toNanos();
              recovering = true;
              shared = true;
            }
          }
          if (!back) {
            // Failed, or calls admitted while the merge was under way: merge again.
            context.time().delay(failure == null ? Duration.ZERO : recheckEvery).thenRun(this::recheck);
            return;
          }
          context.modeChanges().accept(new BudgetModeChanged(keys.name(), BudgetModeChanged.Mode.SHARED,
              "Redis answers again; what this instance sent meanwhile was added to the shared windows"));
        });
  }

  /** Whether an admission by Redis needs the local share's permit too, as it does for a window after an outage. */
  private boolean alsoLocalShare() {
    if (recovering && context.time().nanoTime() - localShareUntil >= 0) {
      recovering = false;
    }
    return recovering;
  }

  // ---------------------------------------------------------------- values

  private Refused closedRefusal() {
    return new Refused(Reason.FAIR_USE_GUARD, policy.clientErrorsPerWindow(), Duration.ZERO);
  }

  private static boolean isClientError(int statusCode) {
    return statusCode >= 400 && statusCode < 500;
  }

  private static long number(List<Object> reply, int index) {
    return ((Number) reply.get(index)).longValue();
  }

  private static String millis(long nanos) {
    return String.valueOf(Math.max(0, nanos / 1_000_000));
  }

  /**
   * What the fleet had spent when Redis last answered, at a moment on this client's clock: requests
   * within the window and how far ahead the latest turn was (ms), and 4xx responses within it plus
   * permits held (each may become one) and how far ahead the last permit held had to end (ms).
   */
  private record Known(long requests, long lastTurnIn, long clientErrors, long lastHeldIn, long at) {}

  /** A call asking for a permit, until it gets its answer. */
  private static final class Request {
    final CompletableFuture<Admission> admission = new CompletableFuture<>();
    final long deadline;
    final Duration attemptLimit;
    volatile CompletableFuture<Void> expiry;
    /** When Redis last said the guard might have room again. */
    volatile Duration roomIn = POLL;

    Request(long deadline, Duration attemptLimit) {
      this.deadline = deadline;
      this.attemptLimit = attemptLimit;
    }

    long remaining(long now) {
      return Math.max(0, deadline - now);
    }

    /** Answers the call; a permit its caller no longer wants is given back at once. */
    void finish(Admission answer) {
      CompletableFuture<Void> timer = expiry;
      if (timer != null) {
        timer.cancel(false);
      }
      if (!admission.complete(answer) && answer instanceof Granted granted) {
        granted.permit().unused();
      }
    }
  }

  /** A permit Redis gave, for a turn at a moment on this client's clock. */
  private final class SharedPermit implements Permit {
    final String id;
    final long turn;
    final AtomicBoolean settled = new AtomicBoolean();
    volatile long late;

    SharedPermit(String id, long turn) {
      this.id = id;
      this.turn = turn;
    }

    @Override
    public void sending() {
      long now = context.time().nanoTime();
      late = Math.max(0, now - turn);
      if (late >= 1_000_000) {
        synchronized (lock) {
          recent.sent(id, now);
        }
      }
    }

    @Override
    public void responded(int statusCode, Duration pause) {
      settle(statusCode, pause, false);
    }

    @Override
    public void abandoned() {
      settle(0, Duration.ZERO, false);
    }

    @Override
    public void unused() {
      settle(0, Duration.ZERO, true);
    }

    private void settle(int statusCode, Duration pause, boolean unsent) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      synchronized (lock) {
        recent.settled(id, isClientError(statusCode), unsent, context.time().nanoTime(), true);
      }
      settleInRedis(id, statusCode, pause, unsent, late);
      pollSoon();
    }
  }

  /** Permits of Redis and of the local share for one request, settled together. */
  private static final class BothPermit implements Permit {
    final Permit shared;
    final Permit local;

    BothPermit(Permit shared, Permit local) {
      this.shared = shared;
      this.local = local;
    }

    @Override
    public void sending() {
      shared.sending();
      local.sending();
    }

    @Override
    public void responded(int statusCode, Duration pause) {
      shared.responded(statusCode, pause);
      local.responded(statusCode, pause);
    }

    @Override
    public void abandoned() {
      shared.abandoned();
      local.abandoned();
    }

    @Override
    public void unused() {
      shared.unused();
      local.unused();
    }
  }

  /**
   * A permit the local share gave while Redis could not be reached; once merged into Redis, it is
   * settled there too.
   */
  final class LocalSharePermit implements Permit {
    final String id;
    final Permit local;
    final AtomicBoolean settled = new AtomicBoolean();
    volatile boolean merged;

    LocalSharePermit(String id, Permit local) {
      this.id = id;
      this.local = local;
    }

    @Override
    public void sending() {
      local.sending();
      synchronized (lock) {
        recent.sent(id, context.time().nanoTime());
      }
    }

    @Override
    public void responded(int statusCode, Duration pause) {
      if (settled.compareAndSet(false, true)) {
        local.responded(statusCode, pause);
        ended(statusCode, pause, false);
      }
    }

    @Override
    public void abandoned() {
      if (settled.compareAndSet(false, true)) {
        local.abandoned();
        ended(0, Duration.ZERO, false);
      }
    }

    @Override
    public void unused() {
      if (settled.compareAndSet(false, true)) {
        local.unused();
        ended(0, Duration.ZERO, true);
      }
    }

    private void ended(int statusCode, Duration pause, boolean unsent) {
      synchronized (lock) {
        recent.settled(id, isClientError(statusCode), unsent, context.time().nanoTime(), merged);
      }
      if (merged) {
        settleInRedis(id, statusCode, pause, unsent, 0);
      }
    }
  }
}
