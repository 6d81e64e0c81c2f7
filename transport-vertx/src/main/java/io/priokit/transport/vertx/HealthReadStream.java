package io.priokit.transport.vertx;

import io.priokit.system.HealthState;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.Flow;

/**
 * A core health stream ({@link Flow.Publisher}) as a Vert.x {@link ReadStream}. Everything happens
 * on the context the stream was created on. Vert.x flow control is honoured the way the publisher
 * honours demand, by conflation: while paused (and not fetched), only the newest change is kept, and
 * {@link #fetch} or {@link #resume} delivers it. A call made on that context takes effect before it
 * returns, as {@link ReadStream} flow control expects: no state reaches a handler after {@link #pause()}
 * or after the handler is removed.
 */
final class HealthReadStream implements ReadStream<HealthState> {

  private final Flow.Publisher<HealthState> publisher;
  private final Context context;
  private Handler<HealthState> handler;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> endHandler;
  private Flow.Subscription subscription;
  private boolean subscribed;
  private boolean paused;
  private long fetched;
  private HealthState held;
  private boolean ended;

  HealthReadStream(Flow.Publisher<HealthState> publisher, Context context) {
    this.publisher = publisher;
    this.context = context;
  }

  @Override
  public ReadStream<HealthState> exceptionHandler(Handler<Throwable> next) {
    onContext(() -> exceptionHandler = next);
    return this;
  }

  /** Setting a handler subscribes and starts polling; setting {@code null} cancels. */
  @Override
  public ReadStream<HealthState> handler(Handler<HealthState> next) {
    onContext(() -> {
      handler = next;
      if (next != null && !subscribed && !ended) {
        subscribed = true;
        publisher.subscribe(new Subscriber());
      } else if (next == null && subscription != null) {
        subscription.cancel();
      }
    });
    return this;
  }

  @Override
  public ReadStream<HealthState> pause() {
    onContext(() -> paused = true);
    return this;
  }

  @Override
  public ReadStream<HealthState> resume() {
    onContext(() -> {
      paused = false;
      deliverHeld();
    });
    return this;
  }

  @Override
  public ReadStream<HealthState> fetch(long amount) {
    onContext(() -> {
      fetched = fetched + amount < 0 ? Long.MAX_VALUE : fetched + amount;
      deliverHeld();
    });
    return this;
  }

  @Override
  public ReadStream<HealthState> endHandler(Handler<Void> next) {
    onContext(() -> endHandler = next);
    return this;
  }

  /** Runs the action now when already on the stream's context, else on it as soon as it can. */
  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(ignored -> action.run());
    }
  }

  /** On the context: delivers a state now if flowing or fetched, else holds it as the newest. */
  private void offer(HealthState state) {
    if (!paused || fetched > 0) {
      if (paused) {
        fetched--;
      }
      if (handler != null) {
        handler.handle(state);
      }
    } else {
      held = state;
    }
  }

  private void deliverHeld() {
    HealthState next = held;
    if (next != null && (!paused || fetched > 0)) {
      held = null;
      offer(next);
    }
  }

  private final class Subscriber implements Flow.Subscriber<HealthState> {
    @Override
    public void onSubscribe(Flow.Subscription granted) {
      onContext(() -> {
        subscription = granted;
        if (handler == null) {
          granted.cancel(); // the handler was removed before the subscription arrived
          return;
        }
        // The publisher conflates only while it lacks demand; this stream conflates itself instead.
        granted.request(Long.MAX_VALUE);
      });
    }

    @Override
    public void onNext(HealthState state) {
      onContext(() -> offer(state));
    }

    @Override
    public void onError(Throwable failure) {
      onContext(() -> {
        if (exceptionHandler != null) {
          exceptionHandler.handle(failure);
        }
      });
    }

    @Override
    public void onComplete() {
      onContext(() -> {
        ended = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
      });
    }
  }
}
