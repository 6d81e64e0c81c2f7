package io.priokit.internal;

import io.priokit.auth.AccessToken;
import io.priokit.error.PriokitException;
import io.priokit.error.RequestRejectedException;
import io.priokit.observe.AttemptFinished;
import io.priokit.observe.AttemptStarted;
import io.priokit.observe.GuardTripped;
import io.priokit.observe.PriokitListener;
import io.priokit.observe.RetryScheduled;
import io.priokit.observe.TokenRefreshed;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the pipeline reports what happens: to SLF4J (logger {@code io.priokit}) and to the caller's
 * {@link PriokitListener}. Each exchange is logged at DEBUG, its headers at TRACE through
 * {@link Redaction}'s allow-list, and a call's final failure at WARN, once. Bodies are never logged,
 * so token responses cannot be; no message carries a credential or token.
 */
final class PipelineEvents {

  private static final Logger LOG = LoggerFactory.getLogger("io.priokit");

  private final PriokitListener listener;
  private final boolean listening;
  private final KnownSecrets secrets;

  PipelineEvents(PriokitListener listener, KnownSecrets secrets) {
    this.listener = listener;
    this.listening = listener != PriokitListener.NONE;
    this.secrets = secrets;
  }

  void attemptStarted(CallContext call, TransportRequest request, int attempt) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} {} attempt {} sending headers {} (App-Reference {})", request.method(),
          request.uri().getPath(), attempt, Redaction.headers(request.headers(), secrets), call.appReference());
    }
    if (listening) {
      notify(l -> l.attemptStarted(
          new AttemptStarted(request.method(), call.endpoint().path(), call.appReference(), attempt)));
    }
  }

  void attemptFinished(CallContext call, TransportRequest request, int attempt, TransportResponse response,
      PriokitException failure, Duration latency) {
    int status = response == null ? 0 : response.statusCode();
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} {} -> {} in {} ms (attempt {}, App-Reference {})", request.method(),
          request.uri().getPath(), response == null ? failure.getClass().getSimpleName() : status,
          latency.toMillis(), attempt, call.appReference());
    }
    if (response != null && LOG.isTraceEnabled()) {
      LOG.trace("{} {} attempt {} received headers {}", request.method(), request.uri().getPath(), attempt,
          Redaction.headers(response.headers().map(), secrets));
    }
    if (listening) {
      notify(l -> l.attemptFinished(new AttemptFinished(request.method(), call.endpoint().path(),
          call.appReference(), attempt, status, latency, failure)));
    }
  }

  void retryScheduled(CallContext call, int failedAttempt, Duration delay, String reason) {
    LOG.debug("{} {} attempt {} failed ({}); retrying in {} ms (App-Reference {})", call.endpoint().method(),
        call.endpoint().path(), failedAttempt, reason, delay.toMillis(), call.appReference());
    if (listening) {
      notify(l -> l.retryScheduled(new RetryScheduled(call.endpoint().method(), call.endpoint().path(),
          call.appReference(), failedAttempt, delay, reason)));
    }
  }

  void tokenRefreshed(AccessToken token) {
    LOG.debug("Access token obtained; it expires at {}", token.expiresAt());
    if (listening) {
      notify(l -> l.tokenRefreshed(new TokenRefreshed(token.expiresAt(), token.scope())));
    }
  }

  void tokenRefreshFailed(Throwable failure, java.time.Instant retryAt) {
    LOG.warn("Background token refresh failed ({}); the current token is used until it expires, "
        + "next refresh at {}", failure instanceof PriokitException priokit ? priokit.getMessage()
        : failure.getClass().getSimpleName(), retryAt);
  }

  void appReferenceFailed(RuntimeException failure) {
    LOG.warn("The App-Reference supplier failed ({}); a random reference is used instead",
        failure.getClass().getSimpleName());
  }

  void guardTripped(CallContext call, RequestRejectedException rejection) {
    LOG.debug("{}", rejection.getMessage());
    if (listening) {
      notify(l -> l.guardTripped(new GuardTripped(rejection.reason(), rejection.retryAfter(), call.appReference())));
    }
  }

  void callFailed(PriokitException failure) {
    LOG.warn("Prioticket call failed: {}", failure.getMessage());
  }

  /** Call only when {@link #listening}: building an event costs, and most clients have no listener. */
  private void notify(Consumer<PriokitListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException broken) {
      LOG.warn("PriokitListener {} threw; the call goes on", listener.getClass().getName(), broken);
    }
  }
}
