package io.priokit.internal;

import io.priokit.error.ApiException;
import io.priokit.error.ConfigurationException;
import io.priokit.error.DecodingException;
import io.priokit.error.PriokitException;
import io.priokit.error.TransportException;
import io.priokit.spi.BudgetContext;
import io.priokit.spi.FairUseBudget;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.PriokitThreads;
import io.priokit.spi.SharedHealth;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportFailure;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs calls through the pipeline: retries around authorisation around the fair-use limits around
 * the transport, then maps the response into a result or the error taxonomy. The same code serves
 * blocking and asynchronous calls (see {@link ExchangeMode}). Tracks the calls in flight so that
 * closing fails them at once.
 */
public final class CallPipeline implements AutoCloseable {

  private final PipelineSettings settings;
  private final HttpTransport transport;
  private final TimeSource time;
  private final KnownSecrets secrets = new KnownSecrets();
  private final RequestFactory requests;
  private final Exchanger exchanger;
  private final ResponseMapper responses;
  private final FailureMapper failures;
  private final PipelineEvents events;
  private final FairUseBudget budget;
  private final Optional<SharedHealth> sharedHealth;
  private final Set<CallContext> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param settings what the client builder decided
   * @param transport the transport every request goes through
   * @param timers the clocks and timers of attempts, retries, deadlines, tokens and fair use
   */
  public CallPipeline(PipelineSettings settings, HttpTransport transport, ClientTimers timers) {
    this.settings = settings;
    this.transport = transport;
    this.time = timers.waits();
    JsonCodec json = new JsonCodec();
    if (settings.credentials() != null) {
      secrets.add(settings.credentials().clientSecret());
      secrets.add(RequestFactory.basicCredential(settings.credentials()));
    }
    this.events = new PipelineEvents(settings.listener(), secrets, time, transport.name());
    this.requests = new RequestFactory(settings.environment(), settings.appHeaders(), settings.maxResponseBytes());
    this.failures = new FailureMapper(settings.connectTimeout(), settings.callTimeout(), secrets);
    this.responses = new ResponseMapper(json, settings.retryPolicy(), time, secrets);
    BudgetContext budgetContext = new BudgetContext(apiClient(settings), time, events::budgetModeChanged);
    Exchanger sending = new TransportExchanger(transport, failures, time, timers.timeouts(), settings.callTimeout(),
        events);
    this.budget = settings.fairUse().isDisabled() ? null
        : settings.fairUseBudget().create(settings.fairUse(), budgetContext);
    Exchanger lower = budget == null ? sending : new FairUseExchanger(sending, budget, settings.fairUse().window(),
        time, responses, events, settings.callTimeout());
    this.sharedHealth = settings.fairUseBudget().sharedHealth(budgetContext);
    TokenSource tokens = settings.tokenProvider() != null ? new ProvidedTokens(settings.tokenProvider())
        : settings.credentials() != null ? new ClientCredentialsTokens(lower, requests, responses, json,
            settings.credentials(), time, events, settings.appReferences(), settings.callTimeout())
        : null;
    Exchanger authorised = tokens == null ? lower : new AuthenticatingExchanger(lower, tokens, time, secrets);
    this.exchanger = new RetryingExchanger(authorised, settings.retryPolicy(),
        new Backoff(settings.retryPolicy(), () -> ThreadLocalRandom.current().nextDouble()),
        time, responses, events);
  }

  /** The secrets this client sends, for scrubbing what servers echo. */
  public KnownSecrets secrets() {
    return secrets;
  }

  /**
   * Makes a call on the caller's thread.
   *
   * @param endpoint what to call
   * @param factory makes the result of a successful call
   * @param <T> the result type
   * @return the result
   * @throws PriokitException for every failure
   */
  public <T> T callBlocking(Endpoint endpoint, ResponseFactory<T> factory) {
    Optional<String> refusal = PriokitThreads.isPriokitThread()
        ? Optional.of("Blocking call on priokit's own thread " + Thread.currentThread().getName()
            + " refused: it would stall the timer or I/O thread that calls wait on. From a callback of "
            + "client.async(), compose with thenCompose(... client.async() ...) instead, or move the "
            + "blocking call to an executor of yours with thenApplyAsync(..., executor).")
        : transport.blockingCallRefusal();
    if (refusal.isPresent()) {
      ConfigurationException misuse = new ConfigurationException(refusal.get());
      events.callFailed(misuse);
      throw misuse;
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    CallContext call = start(endpoint, ExchangeMode.BLOCKING, factory, result);
    try {
      return result.get();
    } catch (InterruptedException interrupted) {
      call.cancel();
      Thread.currentThread().interrupt();
      throw failures.map(new TransportFailure(TransportFailure.Kind.INTERRUPTED,
          "interrupted while waiting", interrupted), call, null);
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof Error error) {
        throw error;
      }
      throw (PriokitException) failed.getCause();
    }
  }

  /**
   * Starts a call without waiting.
   *
   * @param endpoint what to call
   * @param factory makes the result of a successful call
   * @param <T> the result type
   * @return a future of the result, failing with a {@link PriokitException}; cancelling it aborts the
   *     call, its retries included
   */
  public <T> CompletableFuture<T> callAsync(Endpoint endpoint, ResponseFactory<T> factory) {
    CompletableFuture<T> result = new CompletableFuture<>();
    start(endpoint, ExchangeMode.ASYNC, factory, result);
    return result;
  }

  /** Where health streams share one poller with a fleet, if the client's budget shares it. */
  public Optional<SharedHealth> sharedHealth() {
    return sharedHealth;
  }

  /** How many calls are under way. */
  public int pendingCalls() {
    return pending.size();
  }

  /** Fails every call under way with {@link TransportException.Reason#CLIENT_CLOSED}, and any made later. */
  @Override
  public void close() {
    closed = true;
    for (CallContext call : pending) {
      pending.remove(call);
      TransportException closing = clientClosed(call);
      events.callFinished(call, 0, closing, false);
      call.abort(closing);
    }
    if (budget != null) {
      budget.close();
    }
  }

  /** Names the API and the client for a budget: host, port and client id, never a secret or userinfo. */
  private static String apiClient(PipelineSettings settings) {
    java.net.URI base = settings.environment().baseUri();
    String host = base.getPort() == -1 ? base.getHost() : base.getHost() + ":" + base.getPort();
    return host + "/" + (settings.credentials() == null ? "-" : settings.credentials().clientId());
  }

  private <T> CallContext start(Endpoint endpoint, ExchangeMode mode, ResponseFactory<T> factory,
      CompletableFuture<T> result) {
    String appReference = appReference();
    CallContext call = new CallContext(endpoint, mode, appReference,
        requests.requestLine(endpoint), time.nanoTime() + settings.deadline().toNanos(), settings.deadline(),
        result, events.callStarted(endpoint, appReference));
    pending.add(call);
    // The pipeline removes a call before completing its future, so that whatever the future wakes
    // (dependents run newest first) sees the call gone; this covers a future the caller completes.
    result.whenComplete((value, failure) -> {
      pending.remove(call);
      // Completed by the caller (cancel, orTimeout, complete): stop the retries and the exchange.
      boolean byCaller = !call.isSettled();
      if (byCaller) {
        call.cancel();
      }
      // The pipeline reports its own endings before completing; this one is the caller's, or an abort.
      events.callFinished(call, 0, failure, byCaller);
    });
    if (closed) {
      pending.remove(call);
      call.abort(clientClosed(call));
      return call;
    }
    CompletableFuture<ReceivedResponse> exchange;
    try {
      exchange = exchanger.exchange(call, requests.create(endpoint, call.appReference()));
    } catch (RuntimeException | Error cannotStart) {
      exchange = CompletableFuture.failedFuture(cannotStart);
    }
    exchange.whenComplete((received, failure) -> {
      call.settle();
      pending.remove(call);
      if (failure != null) {
        fail(call, result, failure);
        return;
      }
      T value;
      try {
        value = responses.map(call, received, factory);
      } catch (RuntimeException unsuccessful) {
        fail(call, result, unsuccessful);
        return;
      } catch (Error broken) {
        // Not a failure of the call to map: the caller gets it as it is, at once.
        events.callFinished(call, received.response().statusCode(), broken, false);
        result.completeExceptionally(broken);
        return;
      }
      events.callFinished(call, received.response().statusCode(), null, false);
      result.complete(value);
    });
    return call;
  }

  private void fail(CallContext call, CompletableFuture<?> result, Throwable failure) {
    Error error = FailureMapper.errorIn(failure);
    if (error != null) {
      // Not a failure of the call to map: the caller gets it as it is, at once.
      events.callFinished(call, 0, error, false);
      result.completeExceptionally(error);
      return;
    }
    if (!result.isDone()) {
      PriokitException mapped = toPriokitException(failure, call);
      events.callFinished(call, statusOf(mapped), mapped, false);
      if (result.completeExceptionally(mapped)) {
        events.callFailed(mapped);
      }
    }
  }

  /** The caller's supplier may fail or give nothing: the call then goes on with a reference of ours. */
  private String appReference() {
    java.util.function.Supplier<String> supplier = settings.appReferences();
    if (supplier == AppReferences.RANDOM) {
      return AppReferences.next();
    }
    try {
      String reference = supplier.get();
      if (HeaderValues.isSendable(reference)) {
        return reference;
      }
    } catch (RuntimeException broken) {
      events.appReferenceFailed(broken);
    }
    return AppReferences.next();
  }

  private PriokitException toPriokitException(Throwable failure, CallContext call) {
    if (call.abortedWith() != null) {
      return call.abortedWith();
    }
    Throwable cause = TransportFailure.unwrap(failure);
    return cause instanceof PriokitException mapped ? mapped : failures.map(cause, call, null);
  }

  /** The status of the response a failure reports, or 0 when it had none. */
  private static int statusOf(PriokitException failure) {
    if (failure instanceof ApiException api) {
      return api.statusCode();
    }
    return failure instanceof DecodingException decoding ? decoding.statusCode() : 0;
  }

  private static TransportException clientClosed(CallContext call) {
    return new TransportException(TransportException.Reason.CLIENT_CLOSED, "the client was closed", null,
        call.failure(false));
  }
}
