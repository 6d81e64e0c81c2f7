package io.priokit.internal;

import io.priokit.error.DecodingException;
import io.priokit.error.FailureContext;
import io.priokit.error.PriokitException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.TransportException;
import io.priokit.error.TransportException.Reason;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportResponse;
import java.time.Duration;

/**
 * The one mapping of "no usable response" into the taxonomy: whatever a transport throws or
 * completes a future with becomes a {@link TransportException}, a {@link PriokitTimeoutException} or,
 * for a body too large or undecodable, a {@link DecodingException}.
 */
final class FailureMapper {

  private final Duration connectTimeout;
  private final Duration callTimeout;
  private final KnownSecrets secrets;

  FailureMapper(Duration connectTimeout, Duration callTimeout, KnownSecrets secrets) {
    this.connectTimeout = connectTimeout;
    this.callTimeout = callTimeout;
    this.secrets = secrets;
  }

  /**
   * Every failure to get a response may be retried, except an interrupt, a closed client, TLS, a
   * proxy refusing its credentials and the unknown.
   */
  static boolean isRetryable(TransportFailure.Kind kind) {
    return switch (kind) {
      case CONNECT_FAILED, CONNECT_TIMEOUT, TIMEOUT, CONNECTION_CLOSED -> true;
      case TLS, PROXY_AUTHENTICATION, INTERRUPTED, TRANSPORT_CLOSED, BODY_TOO_LARGE, OTHER -> false;
    };
  }

  /**
   * The {@link Error} a failure is, or carries from a transport that classified it: an error is no
   * failure of the call, and goes to the caller as itself.
   *
   * @return the error, or {@code null} when the failure is an exception
   */
  static Error errorIn(Throwable failure) {
    Throwable cause = TransportFailure.unwrap(failure);
    if (cause instanceof TransportFailure transportFailure && transportFailure.getCause() instanceof Error error) {
      return error;
    }
    return cause instanceof Error error ? error : null;
  }

  /**
   * @param failure what the transport threw or completed with
   * @param call the call it happened in
   * @param timedOut the limit of the attempt, when its timeout fired and aborted it; else {@code null}
   */
  PriokitException map(Throwable failure, CallContext call, TransportExchanger.AttemptLimit timedOut) {
    if (timedOut != null) {
      return timeout(call, timedOut.duration(), timedOut.cutByDeadline(), new TransportFailure(
          TransportFailure.Kind.TIMEOUT, "no complete response within " + timedOut.duration().toMillis() + " ms", null));
    }
    Throwable cause = TransportFailure.unwrap(failure);
    if (cause instanceof PriokitException alreadyMapped) {
      return alreadyMapped;
    }
    TransportFailure transportFailure = withoutSecrets(TransportFailure.classify(cause));
    TransportFailure.Kind kind = transportFailure.kind();
    FailureContext context = call.failure(isRetryable(kind));
    String detail = transportFailure.getMessage();
    return switch (kind) {
      case CONNECT_TIMEOUT -> new PriokitTimeoutException(
          PriokitTimeoutException.Kind.CONNECT, connectTimeout, transportFailure, context);
      case TIMEOUT -> timeout(call, callTimeout, false, transportFailure);
      case BODY_TOO_LARGE -> new DecodingException(detail, transportFailure.statusCode().orElse(0), "",
          transportFailure, context);
      case CONNECT_FAILED -> new TransportException(Reason.CONNECT_FAILED, detail, transportFailure, context);
      case CONNECTION_CLOSED -> new TransportException(Reason.CONNECTION_CLOSED, detail, transportFailure, context);
      case TLS -> new TransportException(Reason.TLS_FAILED, detail, transportFailure, context);
      case PROXY_AUTHENTICATION ->
          new TransportException(Reason.PROXY_AUTHENTICATION_FAILED, detail, transportFailure, context);
      case INTERRUPTED -> new TransportException(Reason.INTERRUPTED, detail, transportFailure, context);
      case TRANSPORT_CLOSED -> new TransportException(Reason.CLIENT_CLOSED, detail, transportFailure, context);
      case OTHER -> new TransportException(Reason.IO_FAILED, detail, transportFailure, context);
    };
  }

  /**
   * The failure as a caller may see it: a library's message can quote what was sent, a token
   * included, so a failure whose message holds a known secret is replaced by one with the secret
   * scrubbed and without the library's exception behind it.
   */
  private TransportFailure withoutSecrets(TransportFailure failure) {
    String message = failure.getMessage();
    String scrubbed = secrets.scrub(message);
    if (scrubbed == null || scrubbed.equals(message) && !causeQuotesASecret(failure)) {
      return failure;
    }
    TransportFailure clean = new TransportFailure(failure.kind(), scrubbed, null);
    clean.setStackTrace(failure.getStackTrace());
    return clean;
  }

  private boolean causeQuotesASecret(Throwable failure) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && !message.equals(secrets.scrub(message))) {
        return true;
      }
    }
    return false;
  }

  /** A body that arrived whole but could not be decoded: a gzip stream broken, or larger than the bound once inflated. */
  DecodingException undecodable(GzipDecoding.UndecodableBody problem, TransportResponse response, CallContext call) {
    return new DecodingException(problem.getMessage(), response.statusCode(), "", problem, call.failure(false));
  }

  /** An attempt cut short to fit the deadline that then times out is the deadline passing. */
  private static PriokitTimeoutException timeout(CallContext call, Duration limit, boolean cutByDeadline,
      Throwable cause) {
    if (cutByDeadline) {
      return new PriokitTimeoutException(PriokitTimeoutException.Kind.DEADLINE, call.deadline(), cause,
          call.failure(false));
    }
    return new PriokitTimeoutException(PriokitTimeoutException.Kind.ATTEMPT, limit, cause, call.failure(true));
  }
}
