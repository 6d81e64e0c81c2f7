package io.priokit.internal;

import io.priokit.spi.TransportFailure;
import java.util.Set;

/** Which failures may be retried: the System endpoints are GETs, safe to send again. */
final class RetryPolicy {

  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

  private final boolean retryInternalServerError;

  RetryPolicy(boolean retryInternalServerError) {
    this.retryInternalServerError = retryInternalServerError;
  }

  /** 429, 502, 503 and 504 always; 500 when configured; no other status. */
  boolean isRetryable(int statusCode) {
    return RETRYABLE_STATUSES.contains(statusCode) || (statusCode == 500 && retryInternalServerError);
  }

  /** Every failure to get a response, except an interrupt, a closed transport, TLS and the unknown. */
  boolean isRetryable(TransportFailure.Kind kind) {
    return switch (kind) {
      case CONNECT_FAILED, CONNECT_TIMEOUT, TIMEOUT, CONNECTION_CLOSED -> true;
      case TLS, INTERRUPTED, TRANSPORT_CLOSED, OTHER -> false;
    };
  }
}
