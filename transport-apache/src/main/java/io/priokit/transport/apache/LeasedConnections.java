package io.priokit.transport.apache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.nio.AsyncClientConnectionManager;
import org.apache.hc.client5.http.nio.AsyncConnectionEndpoint;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The connection pool, remembering which exchange holds which connection, so that an exchange can be
 * aborted by closing its connection. Cancelling HttpClient 5.6.5's future is not always enough: when
 * a connection is leased or opened quickly, the exec chain sets the lease or connect step as the
 * future's cancellable after the exchange itself had replaced it ({@code AsyncConnectExec},
 * {@code InternalHttpAsyncExecRuntime.execute}), and the cancel then reaches a step already done.
 */
final class LeasedConnections implements AsyncClientConnectionManager {

  private final AsyncClientConnectionManager pool;
  private final Map<AsyncConnectionEndpoint, String> holders = new ConcurrentHashMap<>();

  LeasedConnections(AsyncClientConnectionManager pool) {
    this.pool = pool;
  }

  /**
   * Closes the connection an exchange holds, if it still holds one: the exchange then fails as a
   * closed connection would make it, and the pool discards the connection.
   *
   * @param exchangeId the id HttpClient gave the exchange ({@code HttpClientContext.getExchangeId()})
   */
  void abort(String exchangeId) {
    if (exchangeId == null) {
      return;
    }
    holders.forEach((endpoint, holder) -> {
      if (holder.equals(exchangeId)) {
        endpoint.close(CloseMode.IMMEDIATE);
      }
    });
  }

  @Override
  public Future<AsyncConnectionEndpoint> lease(String id, HttpRoute route, Object state, Timeout requestTimeout,
      FutureCallback<AsyncConnectionEndpoint> callback) {
    return pool.lease(id, route, state, requestTimeout, new FutureCallback<>() {
      @Override
      public void completed(AsyncConnectionEndpoint endpoint) {
        holders.put(endpoint, id);
        if (callback != null) {
          callback.completed(endpoint);
        }
      }

      @Override
      public void failed(Exception failure) {
        if (callback != null) {
          callback.failed(failure);
        }
      }

      @Override
      public void cancelled() {
        if (callback != null) {
          callback.cancelled();
        }
      }
    });
  }

  @Override
  public void release(AsyncConnectionEndpoint endpoint, Object state, TimeValue keepAlive) {
    holders.remove(endpoint);
    pool.release(endpoint, state, keepAlive);
  }

  @Override
  public Future<AsyncConnectionEndpoint> connect(AsyncConnectionEndpoint endpoint, ConnectionInitiator initiator,
      Timeout connectTimeout, Object attachment, HttpContext context, FutureCallback<AsyncConnectionEndpoint> callback) {
    return pool.connect(endpoint, initiator, connectTimeout, attachment, context, callback);
  }

  @Override
  public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment, HttpContext context) {
    pool.upgrade(endpoint, attachment, context);
  }

  @Override
  public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment, HttpContext context,
      FutureCallback<AsyncConnectionEndpoint> callback) {
    pool.upgrade(endpoint, attachment, context, callback);
  }

  @Override
  public void close(CloseMode closeMode) {
    holders.clear();
    pool.close(closeMode);
  }

  @Override
  public void close() throws java.io.IOException {
    holders.clear();
    pool.close();
  }
}
