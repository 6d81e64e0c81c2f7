package io.priokit.transport.vertx;

import io.priokit.contract.Facade;
import io.vertx.core.Vertx;
import java.util.List;

/** What the contract tests of this module run on a test's shared {@code Vertx}, in one place. */
final class SharedVertx {

  private SharedVertx() {}

  /** The contract's facades and the Vert.x {@code Future} one, on the given {@code Vertx}. */
  static List<Facade> facadesWithFuture(Vertx vertx) {
    return List.of(Facade.BLOCKING, Facade.ASYNC, Facade.named("vertx-future",
        client -> Facade.await(VertxSystemHealth.of(client, vertx).ping().toCompletionStage().toCompletableFuture()),
        client -> Facade.await(VertxSystemHealth.of(client, vertx).status().toCompletionStage().toCompletableFuture())));
  }

  /** The shared {@code Vertx} starts event-loop threads as it goes; they are not the transport's. */
  static boolean isEventLoopThread(String name) {
    return name.startsWith("vert.x-");
  }
}
