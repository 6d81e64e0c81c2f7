package io.priokit.internal;

import io.priokit.error.RequestRejectedException;
import io.priokit.spi.FairUseBudget;
import io.priokit.spi.FairUseBudget.Admission;
import io.priokit.spi.FairUseBudget.Granted;
import io.priokit.spi.FairUseBudget.Permit;
import io.priokit.spi.FairUseBudget.Refused;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the client within the API's fair-use limits: asks the {@link FairUseBudget} for a permit
 * before each request goes out, waits for the turn it gives (or fails at once when it refuses), and
 * settles the permit with how the request ended, a 429 holding every caller back for its
 * {@code Retry-After}.
 */
final class FairUseExchanger implements Exchanger {

  /** How long every caller holds back after a 429 that names no wait. */
  static final Duration THROTTLE_PAUSE = Duration.ofSeconds(1);

  private final Exchanger next;
  private final FairUseBudget budget;
  private final Duration window;
  private final TimeSource time;
  private final ResponseMapper responses;
  private final PipelineEvents events;
  private final long callTimeoutNanos;

  /**
   * @param window the policy's window: the longest a 429 holds callers back, whatever it asks
   * @param callTimeout how long one attempt may take, which bounds how long a permit is held
   */
  FairUseExchanger(Exchanger next, FairUseBudget budget, Duration window, TimeSource time, ResponseMapper responses,
      PipelineEvents events, Duration callTimeout) {
    this.next = next;
    this.budget = budget;
    this.window = window;
    this.time = time;
    this.responses = responses;
    this.events = events;
    this.callTimeoutNanos = callTimeout.toNanos();
  }

  @Override
  public CompletableFuture<ReceivedResponse> exchange(CallContext call, TransportRequest request) {
    long remaining = Math.max(0, call.remainingNanos(time.nanoTime()));
    CompletableFuture<Admission> admission =
        budget.admit(Duration.ofNanos(remaining), Duration.ofNanos(Math.min(callTimeoutNanos, remaining)));
    if (admission.isDone() && !admission.isCompletedExceptionally()) {
      return admitted(call, request, admission.join());
    }
    return call.mode().join(call.track(admission)).thenCompose(admitted -> admitted(call, request, admitted));
  }

  private CompletableFuture<ReceivedResponse> admitted(CallContext call, TransportRequest request,
      Admission admission) {
    if (admission instanceof Refused refused) {
      return reject(call, refused);
    }
    Granted granted = (Granted) admission;
    Permit permit = granted.permit();
    if (granted.delay().isZero()) {
      return send(call, request, permit);
    }
    CompletableFuture<Void> turn = call.mode().join(call.track(time.delay(granted.delay())));
    turn.whenComplete((ready, stopped) -> {
      if (stopped != null) {
        permit.unused();
      }
    });
    return turn.thenCompose(ready -> send(call, request, permit));
  }

  /**
   * Sends under the permit, unless the credentials the request carries were rejected while it waited
   * (a 401 to another call): it then goes back for fresh ones instead of collecting a 401 of its own.
   */
  private CompletableFuture<ReceivedResponse> send(CallContext call, TransportRequest request, Permit permit) {
    if (call.credentialsRejected()) {
      permit.unused();
      return CompletableFuture.failedFuture(new CredentialsRejected());
    }
    int attemptsBefore = call.attempts();
    permit.sending();
    CompletableFuture<ReceivedResponse> exchange;
    try {
      exchange = next.exchange(call, request);
    } catch (RuntimeException | Error cannotSend) {
      permit.unused();
      throw cannotSend;
    }
    return exchange.whenComplete((received, failure) -> {
      if (received == null) {
        // No attempt counted: nothing went out (the deadline had passed), so the turn is not spent.
        if (call.attempts() > attemptsBefore) {
          permit.abandoned();
        } else {
          permit.unused();
        }
        return;
      }
      int status = received.response().statusCode();
      if (status == 429) {
        call.throttledBy(received);
      }
      permit.responded(status, status == 429 ? pauseAfter429(received) : Duration.ZERO);
    });
  }

  /** The server's wait, or a second if it names none; no longer than the window, whatever it asks. */
  private Duration pauseAfter429(ReceivedResponse received) {
    Duration asked = responses.retryAfter(received.response()).orElse(THROTTLE_PAUSE);
    return asked.compareTo(window) > 0 ? window : asked;
  }

  private CompletableFuture<ReceivedResponse> reject(CallContext call, Refused refused) {
    ReceivedResponse throttle = call.lastThrottle();
    if (refused.reason() == RequestRejectedException.Reason.THROTTLED && throttle != null) {
      // The API's own 429 asked for a wait this call cannot make: that answer is the call's outcome,
      // and no retry can change it.
      return CompletableFuture.failedFuture(responses.toApiException(call, throttle.response(), false));
    }
    RequestRejectedException rejection = new RequestRejectedException(refused.reason(), refused.limit(),
        refused.retryAfter(), call.failure(false));
    events.guardTripped(call, rejection);
    return CompletableFuture.failedFuture(rejection);
  }

  /**
   * The request was not sent: the API rejected its credentials (answered another call with them 401)
   * while it waited for its turn. The authenticating step takes fresh ones and asks again.
   */
  static final class CredentialsRejected extends RuntimeException {
    CredentialsRejected() {
      super("credentials rejected while waiting for a turn", null, false, false);
    }
  }
}
