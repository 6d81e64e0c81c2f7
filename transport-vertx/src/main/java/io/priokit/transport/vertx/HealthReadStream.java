package io.priokit.transport.vertx;

import io.priokit.system.HealthState;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.Flow;

/**
 * A core health stream ({@link Flow.Publisher}) as a Vert.x {@link ReadStream}: events are delivered
 * on the context the stream was created on, and Vert.x flow control maps onto demand ({@link #pause}
 * stops requesting, {@link #fetch} requests that many, {@link #resume} requests without bound). The
 * publisher keeps only the newest change while paused, so nothing queues up.
 */
final class HealthReadStream implements ReadStream<HealthState> {

  private final Flow.Publisher<HealthState> publisher;
  private final Context context;
  private Handler<HealthState> handler;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> endHandler;
  private Flow.Subscription subscription;
  private boolean paused;
  private long pendingFetch;

  HealthReadStream(Flow.Publisher<HealthState> publisher, Context context) {
    this.publisher = publisher;
    this.context = context;
  }

  @Override
  public synchronized ReadStream<HealthState> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  /** Setting a handler subscribes and starts polling; setting {@code null} cancels. */
  @Override
  public ReadStream<HealthState> handler(Handler<HealthState> next) {
    Flow.Subscription cancelled = null;
    boolean subscribe;
    synchronized (this) {
      this.handler = next;
      subscribe = next != null && subscription == null;
      if (next == null && subscription != null) {
        cancelled = subscription;
      }
    }
    if (cancelled != null) {
      cancelled.cancel();
    }
    if (subscribe) {
      publisher.subscribe(new Subscriber());
    }
    return this;
  }

  @Override
  public ReadStream<HealthState> pause() {
    synchronized (this) {
      paused = true;
    }
    return this;
  }

  @Override
  public ReadStream<HealthState> resume() {
    Flow.Subscription current;
    synchronized (this) {
      paused = false;
      current = subscription;
    }
    if (current != null) {
      current.request(Long.MAX_VALUE);
    }
    return this;
  }

  @Override
  public ReadStream<HealthState> fetch(long amount) {
    Flow.Subscription current;
    synchronized (this) {
      current = subscription;
      if (current == null) {
        pendingFetch += amount;
      }
    }
    if (current != null && amount > 0) {
      current.request(amount);
    }
    return this;
  }

  @Override
  public synchronized ReadStream<HealthState> endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    return this;
  }

  private final class Subscriber implements Flow.Subscriber<HealthState> {
    @Override
    public void onSubscribe(Flow.Subscription granted) {
      long initial;
      synchronized (HealthReadStream.this) {
        subscription = granted;
        initial = paused ? pendingFetch : Long.MAX_VALUE;
        pendingFetch = 0;
      }
      if (initial > 0) {
        granted.request(initial);
      }
    }

    @Override
    public void onNext(HealthState state) {
      context.runOnContext(ignored -> {
        Handler<HealthState> current;
        synchronized (HealthReadStream.this) {
          current = handler;
        }
        if (current != null) {
          current.handle(state);
        }
      });
    }

    @Override
    public void onError(Throwable failure) {
      context.runOnContext(ignored -> {
        Handler<Throwable> current;
        synchronized (HealthReadStream.this) {
          current = exceptionHandler;
        }
        if (current != null) {
          current.handle(failure);
        }
      });
    }

    @Override
    public void onComplete() {
      context.runOnContext(ignored -> {
        Handler<Void> current;
        synchronized (HealthReadStream.this) {
          current = endHandler;
        }
        if (current != null) {
          current.handle(null);
        }
      });
    }
  }
}
