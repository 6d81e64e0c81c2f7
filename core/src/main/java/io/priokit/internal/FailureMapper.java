package io.priokit.internal;

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

  private final RetryPolicy retryPolicy;
  private final Duration connectTimeout;
  private final Duration callTimeout;

  FailureMapper(RetryPolicy retryPolicy, Duration connectTimeout, Duration callTimeout) {
    this.retryPolicy = retryPolicy;
    this.connectTimeout = connectTimeout;
    this.callTimeout = callTimeout;
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
    var context = call.failure(retryPolicy.isRetryable(kind));
    String detail = transportFailure.getMessage();
    return switch (kind) {
      case CONNECT_TIMEOUT -> new PriokitTimeoutException(
          PriokitTimeoutException.Kind.CONNECT, connectTimeout, transportFailure, context);
      case TIMEOUT -> new PriokitTimeoutException(
          PriokitTimeoutException.Kind.ATTEMPT, request == null ? callTimeout : request.timeout(), transportFailure, context);
      case CONNECT_FAILED -> new TransportException(Reason.CONNECT_FAILED, detail, transportFailure, context);
      case CONNECTION_CLOSED -> new TransportException(Reason.CONNECTION_CLOSED, detail, transportFailure, context);
      case TLS -> new TransportException(Reason.TLS_FAILED, detail, transportFailure, context);
      case INTERRUPTED -> new TransportException(Reason.INTERRUPTED, detail, transportFailure, context);
      case TRANSPORT_CLOSED -> new TransportException(Reason.CLIENT_CLOSED, detail, transportFailure, context);
      case OTHER -> new TransportException(Reason.IO_FAILED, detail, transportFailure, context);
    };
  }
}
