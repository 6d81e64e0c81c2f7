package io.priokit.spi;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Watches a transport's exchanges in flight, for adapters whose HTTP library falls short of the
 * {@link HttpTransport} contract on its own:
 *
 * <ul>
 *   <li>it holds each exchange to its whole-exchange timeout (libraries' own timeouts often stop at
 *       the response headers or count only idle time), cancelling it when the time is up;
 *   <li>cancelling the future it returns cancels the exchange;
 *   <li>closing it fails every exchange still in flight, so no caller waits forever on a closed
 *       transport.
 * </ul>
 *
 * <p>One daemon timer thread serves every exchange through a {@link TimeoutWheel}: setting and
 * cancelling a timeout costs a call an enqueue (a wake-up only when the timer was asleep), and
 * nothing piles up under load.
 */
public final class ExchangeSupervisor implements AutoCloseable {

  private final TimeoutWheel timer;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private final String transportName;
  private volatile boolean closed;

  /** @param transportName the transport's name, for the timer thread's name and for messages */
  public ExchangeSupervisor(String transportName) {
    this.transportName = transportName;
    timer = new TimeoutWheel("priokit-" + transportName + "-timer");
  }

  /**
   * Starts and supervises one exchange.
   *
   * @param start starts the library's exchange; cancelling the future it returns must abort it
   * @param timeout how long the whole exchange may take
   * @param toResponse translates the library's response
   * @param toFailure translates the library's failure
   * @param <T> the library's response type
   * @return a future of the translated response; it fails with {@link TransportFailure.Kind#TIMEOUT}
   *     when the time is up and with {@link TransportFailure.Kind#TRANSPORT_CLOSED} when the
   *     transport closes first
   */
  public <T> CompletableFuture<TransportResponse> supervise(
      Supplier<CompletableFuture<T>> start,
      Duration timeout,
      Function<? super T, TransportResponse> toResponse,
      Function<Throwable, TransportFailure> toFailure) {
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(closedFailure());
      return result;
    }
    CompletableFuture<T> exchange;
    try {
      exchange = start.get();
    } catch (RuntimeException refused) {
      result.completeExceptionally(closed ? closedFailure() : toFailure.apply(refused));
      return result;
    }
    inFlight.add(result);
    TimeoutWheel.Timeout deadline = timer.schedule(timeout.toNanos(), () -> {
      if (result.completeExceptionally(new TransportFailure(
          TransportFailure.Kind.TIMEOUT, "no complete response within " + timeout.toMillis() + " ms", null))) {
        exchange.cancel(true);
      }
    });
    exchange.whenComplete((response, failure) -> {
      if (failure != null) {
        result.completeExceptionally(toFailure.apply(TransportFailure.unwrap(failure)));
        return;
      }
      try {
        result.complete(toResponse.apply(response));
      } catch (RuntimeException untranslatable) {
        result.completeExceptionally(toFailure.apply(untranslatable));
      }
    });
    result.whenComplete((response, failure) -> {
      inFlight.remove(result);
      deadline.cancel();
      if (result.isCancelled() || failure instanceof TransportFailure) {
        exchange.cancel(true);
      }
    });
    if (closed) {
      result.completeExceptionally(closedFailure());
    }
    return result;
  }

  /**
   * Waits for an exchange on the caller's thread, the way a blocking HTTP call does.
   *
   * @param exchange a future from {@link #supervise}
   * @return the response
   * @throws TransportFailure if the exchange failed, or {@link TransportFailure.Kind#INTERRUPTED}
   *     if the thread was interrupted (the exchange is then cancelled and the flag set again)
   */
  public static TransportResponse await(CompletableFuture<TransportResponse> exchange) {
    try {
      return exchange.get();
    } catch (InterruptedException interrupted) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportFailure(TransportFailure.Kind.INTERRUPTED, "interrupted while waiting", interrupted);
    } catch (java.util.concurrent.ExecutionException failed) {
      throw TransportFailure.classify(failed.getCause());
    }
  }

  /**
   * Runs a task after a delay on this supervisor's timer, for adapters that hold a phase of an
   * exchange to a deadline themselves (the JDK adapter's blocking body); the task must be quick.
   *
   * @return the timeout, to cancel when the phase ends in time
   */
  public TimeoutWheel.Timeout schedule(Duration delay, Runnable task) {
    return timer.schedule(delay.toNanos(), task);
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Fails every exchange in flight and stops the timer thread. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<?> pending : inFlight) {
      pending.completeExceptionally(closedFailure());
    }
    timer.close();
  }

  private TransportFailure closedFailure() {
    return TransportFailure.transportClosed(transportName);
  }
}
