package io.priokit.internal;

import io.priokit.error.PriokitException;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The last step of the pipeline: one attempt through the transport, held to its timeout (the call
 * timeout, or what is left of the deadline if less), timed, its body decoded, reported, and its
 * failures mapped.
 */
final class TransportExchanger implements Exchanger {

  private final HttpTransport transport;
  private final FailureMapper failures;
  private final TimeSource time;
  private final Timeouts timeouts;
  private final long callTimeoutNanos;
  private final PipelineEvents events;

  TransportExchanger(HttpTransport transport, FailureMapper failures, TimeSource time, Timeouts timeouts,
      Duration callTimeout, PipelineEvents events) {
    this.transport = transport;
    this.failures = failures;
    this.time = time;
    this.timeouts = timeouts;
    this.callTimeoutNanos = callTimeout.toNanos();
    this.events = events;
  }

  @Override
  public CompletableFuture<ReceivedResponse> exchange(CallContext call, TransportRequest given) {
    long started = time.nanoTime();
    long remaining = call.remainingNanos(started);
    if (remaining <= 0) {
      // Whatever came before (a token, a turn of the rate limit) used the time up: send nothing.
      return CompletableFuture.failedFuture(call.deadlinePassed(null));
    }
    AttemptLimit limit = remaining < callTimeoutNanos
        ? new AttemptLimit(Duration.ofNanos(remaining), true)
        : new AttemptLimit(Duration.ofNanos(callTimeoutNanos), false);
    int attempt = call.beginAttempt();
    TransportRequest request = events.attemptStarted(call, given, attempt);
    AttemptTimeout timeout = new AttemptTimeout(timeouts, limit.duration().toNanos());
    return call.mode().send(transport, request, call, timeout).handle((response, failure) -> {
      timeout.disarm();
      Duration latency = Duration.ofNanos(time.nanoTime() - started);
      PriokitException mapped;
      if (failure == null) {
        try {
          ReceivedResponse answer = new ReceivedResponse(GzipDecoding.decode(response, request.maxResponseBytes()),
              latency);
          events.attemptFinished(call, request, attempt, response, null, latency);
          return answer;
        } catch (GzipDecoding.UndecodableBody undecodable) {
          mapped = failures.undecodable(undecodable, response, call);
        }
      } else {
        Error error = FailureMapper.errorIn(failure);
        if (error != null) {
          throw error;
        }
        mapped = call.abortedWith() != null ? call.abortedWith()
            : failures.map(failure, call, timeout.fired() ? limit : null);
      }
      events.attemptFinished(call, request, attempt, response, mapped, latency);
      throw new CompletionException(mapped);
    });
  }

  /**
   * How long one attempt may take.
   *
   * @param duration the limit
   * @param cutByDeadline whether it is what was left of the deadline, shorter than the call timeout
   */
  record AttemptLimit(Duration duration, boolean cutByDeadline) {}
}
