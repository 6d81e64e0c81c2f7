package io.priokit.internal;

import io.priokit.RetryPolicy;
import io.priokit.error.FailureContext;
import io.priokit.error.PriokitException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.TransportException;
import io.priokit.error.TransportException.Reason;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportRequest;
import java.time.Duration;

/**
 * The one mapping of "no response" into the taxonomy: whatever a transport throws or completes a
 * future with becomes a {@link TransportException} or a {@link PriokitTimeoutException}.
 */
final class FailureMapper {

  private final Duration connectTimeout;
  private final Duration callTimeout;

  FailureMapper(Duration connectTimeout, Duration callTimeout) {
    this.connectTimeout = connectTimeout;
    this.callTimeout = callTimeout;
  }

  /** Every failure to get a response may be retried, except an interrupt, a closed client, TLS and the unknown. */
  static boolean isRetryable(TransportFailure.Kind kind) {
    return switch (kind) {
      case CONNECT_FAILED, CONNECT_TIMEOUT, TIMEOUT, CONNECTION_CLOSED -> true;
      case TLS, INTERRUPTED, TRANSPORT_CLOSED, OTHER -> false;
    };
  }

  /**
   * @param failure what the transport threw or completed with
   * @param call the call it happened in
   * @param request the request that failed, or {@code null} if the failure came before sending
   */
  PriokitException map(Throwable failure, CallContext call, TransportRequest request) {
    Throwable cause = TransportFailure.unwrap(failure);
    if (cause instanceof PriokitException alreadyMapped) {
      return alreadyMapped;
    }
    TransportFailure transportFailure = TransportFailure.classify(cause);
    TransportFailure.Kind kind = transportFailure.kind();
    FailureContext context = call.failure(isRetryable(kind));
    String detail = Redaction.scrub(transportFailure.getMessage(), call.secrets());
    return switch (kind) {
      case CONNECT_TIMEOUT -> new PriokitTimeoutException(
          PriokitTimeoutException.Kind.CONNECT, connectTimeout, transportFailure, context);
      case TIMEOUT -> timeout(call, request, transportFailure, context);
      case CONNECT_FAILED -> new TransportException(Reason.CONNECT_FAILED, detail, transportFailure, context);
      case CONNECTION_CLOSED -> new TransportException(Reason.CONNECTION_CLOSED, detail, transportFailure, context);
      case TLS -> new TransportException(Reason.TLS_FAILED, detail, transportFailure, context);
      case INTERRUPTED -> new TransportException(Reason.INTERRUPTED, detail, transportFailure, context);
      case TRANSPORT_CLOSED -> new TransportException(Reason.CLIENT_CLOSED, detail, transportFailure, context);
      case OTHER -> new TransportException(Reason.IO_FAILED, detail, transportFailure, context);
    };
  }

  /** An attempt cut short to fit the deadline that then times out is the deadline passing. */
  private PriokitTimeoutException timeout(CallContext call, TransportRequest request, TransportFailure cause,
      FailureContext context) {
    Duration limit = request == null ? callTimeout : request.timeout();
    if (limit.compareTo(callTimeout) < 0) {
      return new PriokitTimeoutException(PriokitTimeoutException.Kind.DEADLINE, call.deadline(), cause,
          call.failure(false));
    }
    return new PriokitTimeoutException(PriokitTimeoutException.Kind.ATTEMPT, limit, cause, context);
  }
}
