package io.priokit.internal;

import io.priokit.error.ConfigurationException;
import io.priokit.error.PriokitException;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportFailure;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs calls through the pipeline: builds the request, passes it through the steps down to the
 * transport, and maps the response into a result or the error taxonomy. The same code serves blocking
 * and asynchronous calls (see {@link ExchangeMode}).
 */
public final class CallPipeline {

  private final PipelineSettings settings;
  private final HttpTransport transport;
  private final RequestFactory requests;
  private final Exchanger exchanger;
  private final ResponseMapper responses;
  private final FailureMapper failures;

  /**
   * @param settings what the client builder decided
   * @param transport the transport every attempt goes through
   */
  public CallPipeline(PipelineSettings settings, HttpTransport transport) {
    this.settings = settings;
    this.transport = transport;
    RetryPolicy retryPolicy = new RetryPolicy(settings.retryInternalServerError());
    this.requests = new RequestFactory(settings.environment(), settings.appHeaders(), settings.callTimeout());
    this.failures = new FailureMapper(retryPolicy, settings.connectTimeout(), settings.callTimeout());
    this.responses = new ResponseMapper(new JsonCodec(), retryPolicy, settings.clock());
    this.exchanger = new TransportExchanger(transport, failures);
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
    Optional<String> refusal = transport.blockingCallRefusal();
    if (refusal.isPresent()) {
      throw new ConfigurationException(refusal.get());
    }
    CallContext call = newCall(endpoint, ExchangeMode.BLOCKING);
    CompletableFuture<T> result = call(call, factory);
    try {
      return result.get();
    } catch (InterruptedException interrupted) {
      call.cancel();
      Thread.currentThread().interrupt();
      throw failures.map(new TransportFailure(TransportFailure.Kind.INTERRUPTED,
          "interrupted while waiting", interrupted), call, null);
    } catch (ExecutionException failed) {
      throw toPriokitException(failed, call);
    }
  }

  /**
   * Starts a call without waiting.
   *
   * @param endpoint what to call
   * @param factory makes the result of a successful call
   * @param <T> the result type
   * @return a future of the result, failing with a {@link PriokitException}; cancelling it aborts
   *     the call
   */
  public <T> CompletableFuture<T> callAsync(Endpoint endpoint, ResponseFactory<T> factory) {
    CallContext call = newCall(endpoint, ExchangeMode.ASYNC);
    CompletableFuture<T> result = new CompletableFuture<>();
    call(call, factory).whenComplete((value, failure) -> {
      if (failure == null) {
        result.complete(value);
      } else {
        result.completeExceptionally(toPriokitException(failure, call));
      }
    });
    result.whenComplete((value, failure) -> {
      if (failure instanceof CancellationException) {
        call.cancel();
      }
    });
    return result;
  }

  private CallContext newCall(Endpoint endpoint, ExchangeMode mode) {
    return new CallContext(endpoint, mode, settings.appReferences().get(),
        endpoint.method() + " " + requests.uri(endpoint));
  }

  private <T> CompletableFuture<T> call(CallContext call, ResponseFactory<T> factory) {
    return exchanger.exchange(call, requests.create(call.endpoint(), call.appReference()))
        .thenApply(received -> responses.map(call, received, factory));
  }

  private PriokitException toPriokitException(Throwable failure, CallContext call) {
    Throwable cause = TransportFailure.unwrap(failure);
    if (cause instanceof PriokitException mapped) {
      return mapped;
    }
    return failures.map(cause, call, null);
  }

}
