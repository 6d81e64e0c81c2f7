package io.priokit.redis;

import io.priokit.FairUsePolicy;
import io.priokit.error.RequestRejectedException.Reason;
import io.priokit.observe.BudgetModeChanged;
import io.priokit.spi.BudgetContext;
import io.priokit.spi.FairUseBudget;
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
 * limits (one event, logged once as a WARN), and checks Redis again at an interval. What it did
 * meanwhile is added to the shared windows when Redis answers again, and the client is back on them.
 * Calls never fail because Redis does: they are admitted by the local share instead.
 */
final class RedisBudget implements FairUseBudget {

  /** How soon the first call in line asks again, at most: room freed by another instance shows no sooner. */
  static final Duration POLL = Duration.ofMillis(25);

  private final RedisLink link;
  private final FleetKeys keys;
  private final FairUsePolicy policy;
  private final BudgetContext context;
  private final FairUseBudget localShare;
  private final Duration recheckEvery;
  private final String instance = Long.toHexString(ThreadLocalRandom.current().nextLong());
  private final AtomicLong permits = new AtomicLong();

  private final Object lock = new Object();
  private final ArrayDeque<Request> line = new ArrayDeque<>();
  private final OutageLog outage;
  private volatile boolean shared = true;
  private boolean polling;
  private boolean closed;

  /**
   * @param localShare this client's share of the limits, for when Redis cannot be reached
   * @param recheckEvery how often to check whether Redis answers again
   */
  RedisBudget(RedisLink link, FleetKeys keys, FairUsePolicy policy, BudgetContext context, FairUsePolicy localShare,
      Duration recheckEvery) {
    this.link = link;
    this.keys = keys;
    this.policy = policy;
    this.context = context;
    this.localShare = FairUseBudget.local(localShare, context.time());
    this.recheckEvery = recheckEvery;
    this.outage = new OutageLog(policy.window().toNanos());
  }

  @Override
  public CompletableFuture<Admission> admit(Duration maxWait, Duration attemptLimit) {
    Request request = new Request(context.time().nanoTime() + Math.max(0, maxWait.toNanos()), attemptLimit);
    boolean ask;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.completedFuture(closedRefusal());
      }
      ask = shared && line.isEmpty();
      if (shared && !ask) {
        // Behind calls already in line, whose first asks for all of them.
        queue(request);
      }
    }
    if (!shared) {
      return viaLocalShare(request.remaining(context.time().nanoTime()), attemptLimit);
    }
    if (ask) {
      ask(request, false);
    }
    return request.admission;
  }

  /** Refuses every call in line; the local share stops too. Permits given stay valid to settle. */
  @Override
  public void close() {
    List<Request> waiting;
    synchronized (lock) {
      closed = true;
      waiting = new ArrayList<>(line);
      line.clear();
    }
    waiting.forEach(request -> request.finish(closedRefusal()));
    localShare.close();
  }

  // ---------------------------------------------------------------- shared: Redis decides

  /** Asks Redis for a permit; {@code fromLine} when the request is the first in line. */
  private void ask(Request request, boolean fromLine) {
    long now = context.time().nanoTime();
    String id = instance + ":" + permits.incrementAndGet();
    link.run(Lua.ADMIT, keys.budget(), millis(policy.window().toNanos()), String.valueOf(policy.requestsPerWindow()),
            String.valueOf(policy.clientErrorsPerWindow()), millis(request.remaining(now)),
            millis(request.attemptLimit.toNanos()), id)
        .whenComplete((reply, failure) -> {
          if (failure != null) {
            fallBack(failure);
            if (fromLine) {
              moveLineToLocalShare();
            } else {
              toLocalShare(request);
            }
            return;
          }
          answered(request, fromLine, id, ((Number) reply.get(0)).intValue(), ((Number) reply.get(1)).longValue());
        });
  }

  private void answered(Request request, boolean fromLine, String id, int code, long millis) {
    Duration after = Duration.ofMillis(Math.max(0, millis));
    switch (code) {
      case 0 -> {
        if (fromLine) {
          leaveLine(request);
        }
        request.finish(new Granted(new SharedPermit(id, shadow(request.attemptLimit)), after));
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

  /** A permit of the local share beside the shared one, so the share knows this client's recent use. */
  private Permit shadow(Duration attemptLimit) {
    Admission admission = localShare.admit(Duration.ZERO, attemptLimit).getNow(null);
    return admission instanceof Granted granted ? granted.permit() : null;
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

  private void settle(SharedPermit permit, int statusCode, Duration pause, boolean unsent) {
    link.run(Lua.SETTLE, keys.budget(), permit.id, String.valueOf(statusCode), millis(policy.window().toNanos()),
            millis(pause.toNanos()), unsent ? "1" : "0")
        .whenComplete((reply, failure) -> {
          if (failure != null) {
            if (isClientError(statusCode)) {
              synchronized (lock) {
                outage.clientError(permit.id, context.time().nanoTime());
              }
            }
            fallBack(failure);
          }
        });
    pollSoon();
  }

  // ---------------------------------------------------------------- local share: Redis cannot be reached

  private void fallBack(Throwable failure) {
    synchronized (lock) {
      if (!shared || closed) {
        return;
      }
      shared = false;
    }
    context.modeChanges().accept(new BudgetModeChanged(keys.name(), BudgetModeChanged.Mode.LOCAL_SHARE,
        "Redis " + link.describe(failure) + "; checking again every " + recheckEvery.toMillis() + " ms"));
    moveLineToLocalShare();
    context.time().delay(recheckEvery).thenRun(this::recheck);
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
        String id = instance + ":" + permits.incrementAndGet();
        LocalSharePermit permit = new LocalSharePermit(id, granted.permit());
        synchronized (lock) {
          outage.request(id, now + granted.delay().toNanos(), now + granted.delay().toNanos()
              + attemptLimit.toNanos(), permit);
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

  /** Checks whether Redis answers again by adding what this client did meanwhile to the shared windows. */
  private void recheck() {
    OutageLog.Snapshot snapshot;
    synchronized (lock) {
      if (shared || closed) {
        return;
      }
      snapshot = outage.snapshot(context.time().nanoTime());
    }
    link.run(Lua.MERGE, keys.budget(), snapshot.arguments(millis(policy.window().toNanos())))
        .whenComplete((reply, failure) -> {
          if (failure != null) {
            context.time().delay(recheckEvery).thenRun(this::recheck);
            return;
          }
          boolean more;
          synchronized (lock) {
            more = !outage.merged(snapshot);
            if (!more) {
              shared = true;
            }
          }
          if (more) {
            // Calls admitted while the merge was under way: merge them too before going back.
            recheck();
            return;
          }
          context.modeChanges().accept(new BudgetModeChanged(keys.name(), BudgetModeChanged.Mode.SHARED,
              "Redis answers again; what this instance sent meanwhile was added to the shared windows"));
        });
  }

  // ---------------------------------------------------------------- values

  private Refused closedRefusal() {
    return new Refused(Reason.FAIR_USE_GUARD, policy.clientErrorsPerWindow(), Duration.ZERO);
  }

  private static boolean isClientError(int statusCode) {
    return statusCode >= 400 && statusCode < 500;
  }

  private static String millis(long nanos) {
    return String.valueOf(Math.max(0, nanos / 1_000_000));
  }

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

  /** A permit Redis gave, with the local share's shadow of it, if the share had room. */
  private final class SharedPermit implements Permit {
    final String id;
    final Permit shadow;
    final AtomicBoolean settled = new AtomicBoolean();

    SharedPermit(String id, Permit shadow) {
      this.id = id;
      this.shadow = shadow;
    }

    @Override
    public void responded(int statusCode, Duration pause) {
      if (settled.compareAndSet(false, true)) {
        if (shadow != null) {
          shadow.responded(statusCode, pause);
        }
        settle(this, statusCode, pause, false);
      }
    }

    @Override
    public void abandoned() {
      if (settled.compareAndSet(false, true)) {
        if (shadow != null) {
          shadow.abandoned();
        }
        settle(this, 0, Duration.ZERO, false);
      }
    }

    @Override
    public void unused() {
      if (settled.compareAndSet(false, true)) {
        if (shadow != null) {
          shadow.unused();
        }
        settle(this, 0, Duration.ZERO, true);
      }
    }
  }

  /**
   * A permit the local share gave while Redis could not be reached. Its request and any 4xx are noted
   * for the merge; once merged, it is settled in Redis too.
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
        outage.ended(this, isClientError(statusCode), unsent, context.time().nanoTime());
      }
      if (merged) {
        link.run(Lua.SETTLE, keys.budget(), id, String.valueOf(statusCode), millis(policy.window().toNanos()),
            millis(pause.toNanos()), unsent ? "1" : "0");
      }
    }
  }
}
