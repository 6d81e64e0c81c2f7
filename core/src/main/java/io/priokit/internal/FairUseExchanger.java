package io.priokit.internal;

import io.priokit.FairUsePolicy;
import io.priokit.error.RequestRejectedException;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the client within the API's fair-use limits before each request goes out: refuses to send
 * once too many 4xx responses came within a minute, and spaces requests to the configured rate,
 * refusing those whose turn would come after their deadline.
 */
final class FairUseExchanger implements Exchanger {

  private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

  private final Exchanger next;
  private final FairUsePolicy policy;
  private final TimeSource time;
  private final PipelineEvents events;
  private final RollingWindow clientErrors;
  private final RollingWindow requests;

  FairUseExchanger(Exchanger next, FairUsePolicy policy, TimeSource time, PipelineEvents events) {
    this.next = next;
    this.policy = policy;
    this.time = time;
    this.events = events;
    this.clientErrors = policy.clientErrorsPerMinute() == 0 ? null
        : new RollingWindow(policy.clientErrorsPerMinute(), MINUTE_NANOS);
    this.requests = policy.requestsPerMinute() == 0 ? null
        : new RollingWindow(policy.requestsPerMinute(), MINUTE_NANOS);
  }

  @Override
  public CompletableFuture<ReceivedResponse> exchange(CallContext call, TransportRequest request) {
    long now = time.nanoTime();
    if (requests != null) {
      long wait = requests.reserve(now, Math.max(0, call.remainingNanos(now)));
      if (wait < 0) {
        return reject(call, RequestRejectedException.Reason.RATE_LIMIT, policy.requestsPerMinute(), -wait);
      }
      if (wait > 0) {
        return call.mode().join(call.track(time.delay(Duration.ofNanos(wait))))
            .thenCompose(ready -> send(call, request));
      }
    }
    return send(call, request);
  }

  /** Checks the guard, after any wait for a turn, since 4xx responses may have come meanwhile; then sends. */
  private CompletableFuture<ReceivedResponse> send(CallContext call, TransportRequest request) {
    if (clientErrors != null) {
      long blocked = clientErrors.waitNanos(time.nanoTime());
      if (blocked > 0) {
        return reject(call, RequestRejectedException.Reason.FAIR_USE_GUARD, policy.clientErrorsPerMinute(), blocked);
      }
    }
    return next.exchange(call, request).thenApply(received -> {
      int status = received.response().statusCode();
      if (clientErrors != null && status >= 400 && status < 500) {
        clientErrors.record(time.nanoTime());
      }
      return received;
    });
  }

  private CompletableFuture<ReceivedResponse> reject(CallContext call, RequestRejectedException.Reason reason,
      int limit, long waitNanos) {
    RequestRejectedException rejection =
        new RequestRejectedException(reason, limit, Duration.ofNanos(waitNanos), call.failure(false));
    events.guardTripped(call, rejection);
    return CompletableFuture.failedFuture(rejection);
  }
}
