package io.priokit.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.priokit.spi.PriokitThreads;
import io.priokit.spi.TransportFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one connection to Redis that every budget of a {@link RedisFairUse} shares, and the only place
 * that speaks Lettuce. It never blocks: it connects in the background (a command before the
 * connection is open waits for it, at most the connect timeout), every command fails after the
 * timeout, and while the connection is down and Lettuce reconnects, commands fail at once rather than
 * queue. A script Redis no longer has (it restarted) is sent whole
 * once, which caches it again.
 */
final class RedisLink implements AutoCloseable {

  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private final Duration timeout;
  private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
      new AtomicReference<>();
  private volatile boolean closed;

  /**
   * Starts opening the connection in the background.
   *
   * @param uri where Redis is; its timeout is replaced by {@code connectTimeout}
   * @param timeout how long any command may take
   * @param connectTimeout how long opening a connection may take, handshake included
   * @param reconnectEvery how often Lettuce tries to reconnect a lost connection
   */
  RedisLink(RedisURI uri, Duration timeout, Duration connectTimeout, Duration reconnectEvery) {
    this.uri = uri;
    this.timeout = timeout;
    uri.setTimeout(connectTimeout);
    this.resources = DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(Delay.constant(reconnectEvery))
        // Futures complete on these threads: as priokit's own, a blocking call made on one is refused
        // at once rather than stall the thread that would bring its answer.
        .threadFactoryProvider(pool -> PriokitThreads.factory("priokit-redis-" + pool))
        .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
        .build());
    connected();
  }

  /** Runs a script, answering its table; fails if Redis cannot be reached or does not answer in time. */
  CompletableFuture<List<Object>> run(Lua script, String[] keys, String... args) {
    return connected().thenCompose(open -> {
      RedisAsyncCommands<String, String> commands = open.async();
      CompletableFuture<List<Object>> cached =
          commands.<List<Object>>evalsha(script.sha(), ScriptOutputType.MULTI, keys, args).toCompletableFuture();
      return cached.exceptionallyCompose(failure -> TransportFailure.unwrap(failure) instanceof RedisNoScriptException
          ? commands.<List<Object>>eval(script.text(), ScriptOutputType.MULTI, keys, args).toCompletableFuture()
          : CompletableFuture.failedFuture(failure));
    });
  }

  /** Says in one line why Redis could not be used, without the URI (which may hold a password). */
  String describe(Throwable failure) {
    Throwable cause = TransportFailure.unwrap(failure);
    if (cause instanceof RedisCommandTimeoutException) {
      return "gave no answer within " + timeout.toMillis() + " ms";
    }
    if (cause instanceof RedisConnectionException) {
      Throwable root = cause;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return root instanceof RedisCommandTimeoutException ? "accepted no connection in time"
          : "refused the connection (" + root.getClass().getSimpleName() + ")";
    }
    if (cause instanceof RedisException && cause.getMessage() != null && cause.getMessage().startsWith("Currently not connected")) {
      return "is not connected (reconnecting)";
    }
    if (cause instanceof java.io.IOException) {
      return "lost the connection (" + cause.getClass().getSimpleName() + ")";
    }
    return "failed (" + cause.getClass().getSimpleName() + ")";
  }

  /** Closes the connection and stops Lettuce's threads. */
  @Override
  public void close() {
    closed = true;
    CompletableFuture<StatefulRedisConnection<String, String>> open = connection.get();
    if (open != null) {
      open.thenAccept(StatefulRedisConnection::closeAsync);
    }
    client.shutdown(0, 2, TimeUnit.SECONDS);
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  /**
   * The connection, opened on first use; once open, Lettuce keeps it and reconnects it. A connection
   * that could not be opened is tried again by the next command.
   */
  private CompletableFuture<StatefulRedisConnection<String, String>> connected() {
    while (true) {
      CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
      if (current != null && !current.isCompletedExceptionally()) {
        return current;
      }
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("the Redis link is closed"));
      }
      CompletableFuture<StatefulRedisConnection<String, String>> opening = new CompletableFuture<>();
      if (connection.compareAndSet(current, opening)) {
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((open, failure) -> {
          if (failure != null) {
            opening.completeExceptionally(failure);
          } else if (closed) {
            open.closeAsync();
            opening.completeExceptionally(new IllegalStateException("the Redis link is closed"));
          } else {
            opening.complete(open);
          }
        });
        return opening;
      }
    }
  }
}
