package io.priokit.internal;

import io.priokit.auth.AccessToken;
import io.priokit.error.PriokitException;
import io.priokit.error.RequestRejectedException;
import io.priokit.observe.AttemptFinished;
import io.priokit.observe.AttemptStarted;
import io.priokit.observe.BudgetModeChanged;
import io.priokit.observe.CallFinished;
import io.priokit.observe.CallListener;
import io.priokit.observe.CallOutcome;
import io.priokit.observe.CallStarted;
import io.priokit.observe.GuardTripped;
import io.priokit.observe.PriokitListener;
import io.priokit.observe.RetryScheduled;
import io.priokit.observe.TokenRefreshed;
import io.priokit.spi.TimeSource;
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
 * so token responses cannot be; no message carries a credential or token. Without a listener no
 * event object is made: calls pay for the listener only when one is set.
 */
final class PipelineEvents {

  private static final Logger LOG = LoggerFactory.getLogger("io.priokit");

  private final PriokitListener listener;
  private final boolean listening;
  private final KnownSecrets secrets;
  private final TimeSource time;
  private final String transport;

  /**
   * @param listener the caller's listener, {@link PriokitListener#NONE} for none
   * @param secrets what to scrub from logged headers
   * @param time the clock calls are timed on
   * @param transport the transport's name, for call events
   */
  PipelineEvents(PriokitListener listener, KnownSecrets secrets, TimeSource time, String transport) {
    this.listener = listener;
    this.listening = listener != PriokitListener.NONE;
    this.secrets = secrets;
    this.time = time;
    this.transport = transport;
  }

  /**
   * A call begins, on the caller's thread.
   *
   * @return what the pipeline keeps of the call for its listener, or {@code null} when none is set
   */
  ListenedCall callStarted(Endpoint endpoint, String appReference) {
    if (!listening) {
      return null;
    }
    CallStarted event = new CallStarted(endpoint.method(), endpoint.path(), appReference, transport);
    CallListener callListener = listener;
    try {
      CallListener answered = listener.callStarted(event);
      if (answered != null) {
        callListener = answered;
      }
    } catch (RuntimeException broken) {
      listenerThrew(listener, broken);
    }
    return new ListenedCall(callListener, time.nanoTime());
  }

  /**
   * A call ended; reported once, whichever of its endings comes first.
   *
   * @param statusCode the status of the last response, or 0 for none
   * @param failure why it failed, or {@code null}
   * @param cancelled whether the caller completed the call's future before the pipeline did
   */
  void callFinished(CallContext call, int statusCode, Throwable failure, boolean cancelled) {
    ListenedCall listened = call.listened();
    if (listened == null || !listened.finish()) {
      return;
    }
    Endpoint endpoint = call.endpoint();
    CallFinished event = new CallFinished(endpoint.method(), endpoint.path(), call.appReference(), transport,
        cancelled ? CallOutcome.CANCELLED : CallOutcome.of(failure), statusCode, call.attempts(),
        Duration.ofNanos(time.nanoTime() - listened.startNanos()), failure);
    CallListener target = listened.listener();
    try {
      target.callFinished(event);
    } catch (RuntimeException broken) {
      listenerThrew(target, broken);
    }
  }

  /**
   * A request is about to be sent: the listener hears of it and may add trace-context headers.
   *
   * @return the request to send: the one given, with the listener's trace headers if it added any
   */
  TransportRequest attemptStarted(CallContext call, TransportRequest request, int attempt) {
    TransportRequest sent = request;
    if (listening) {
      CallListener target = listenerOf(call);
      AttemptStarted event = new AttemptStarted(request.method(), call.endpoint().path(), call.appReference(),
          attempt);
      AttemptTraceHeaders trace = new AttemptTraceHeaders();
      try {
        target.attemptStarted(event);
      } catch (RuntimeException broken) {
        listenerThrew(target, broken);
      }
      try {
        target.addTraceHeaders(event, trace);
      } catch (RuntimeException broken) {
        listenerThrew(target, broken);
      }
      sent = trace.applyTo(request);
    }
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} {} attempt {} sending headers {} (App-Reference {})", sent.method(),
          sent.uri().getPath(), attempt, Redaction.headers(sent.headers(), secrets), call.appReference());
    }
    return sent;
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
      CallListener target = listenerOf(call);
      AttemptFinished event = new AttemptFinished(request.method(), call.endpoint().path(), call.appReference(),
          attempt, status, latency, failure);
      try {
        target.attemptFinished(event);
      } catch (RuntimeException broken) {
        listenerThrew(target, broken);
      }
    }
  }

  void retryScheduled(CallContext call, int failedAttempt, Duration delay, String reason) {
    LOG.debug("{} {} attempt {} failed ({}); retrying in {} ms (App-Reference {})", call.endpoint().method(),
        call.endpoint().path(), failedAttempt, reason, delay.toMillis(), call.appReference());
    if (listening) {
      RetryScheduled event = new RetryScheduled(call.endpoint().method(), call.endpoint().path(),
          call.appReference(), failedAttempt, delay, reason);
      notify(listenerOf(call), l -> l.retryScheduled(event));
    }
  }

  void tokenRefreshed(AccessToken token) {
    LOG.debug("Access token obtained; it expires at {}", token.expiresAt());
    if (listening) {
      notify(listener, l -> l.tokenRefreshed(new TokenRefreshed(token.expiresAt(), token.scope())));
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
      GuardTripped event = new GuardTripped(rejection.reason(), rejection.retryAfter(), call.appReference());
      notify(listenerOf(call), l -> l.guardTripped(event));
    }
  }

  /** A shared budget fell back to the local share (one WARN), or is shared again. */
  void budgetModeChanged(BudgetModeChanged change) {
    if (change.mode() == BudgetModeChanged.Mode.LOCAL_SHARE) {
      LOG.warn("Fair-use budget {} cannot be reached ({}); calls go on under this instance's local share "
          + "of the limits until it can", change.budget(), change.reason());
    } else {
      LOG.info("Fair-use budget {} can be reached again ({}); calls are held to it again", change.budget(),
          change.reason());
    }
    if (listening) {
      notify(listener, l -> l.budgetModeChanged(change));
    }
  }

  void callFailed(PriokitException failure) {
    LOG.warn("Prioticket call failed: {}", failure.getMessage());
  }

  /** The listener of this call, or the client's for a request that is not a call (a token's). */
  private CallListener listenerOf(CallContext call) {
    ListenedCall listened = call.listened();
    return listened != null ? listened.listener() : listener;
  }

  /**
   * Passes a rare event on. Call only when {@link #listening}: building an event costs, and most
   * clients have no listener. The events of every call are passed on without a lambda.
   */
  private <L> void notify(L target, Consumer<L> event) {
    try {
      event.accept(target);
    } catch (RuntimeException broken) {
      listenerThrew(target, broken);
    }
  }

  private static void listenerThrew(Object target, RuntimeException broken) {
    LOG.warn("PriokitListener {} threw; the call goes on", target.getClass().getName(), broken);
  }
}
