package io.priokit.examples.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The server every benchmark calls: a Vert.x HTTP server on loopback that answers
 * {@code GET /v3.8/distributor/system/status} like the API does, optionally after a delay (to hold
 * many calls in flight). It runs on its own {@code Vertx}, apart from the clients measured.
 */
final class BenchServer implements AutoCloseable {

  private static final Buffer BODY = Buffer.buffer("{\"status\":\"OK\",\"message\":\"System OK\"}");

  private final Vertx vertx;
  private final HttpServer server;

  private BenchServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts a server on a free loopback port; every answer waits {@code delay} first. */
  static BenchServer start(Duration delay) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setAcceptBacklog(20_000))
        .requestHandler(request -> {
          Runnable answer = () -> request.response().putHeader("Content-Type", "application/json").end(BODY);
          if (delay.isZero()) {
            answer.run();
          } else {
            vertx.setTimer(delay.toMillis(), fired -> answer.run());
          }
        })
        .listen().await(10, TimeUnit.SECONDS);
    return new BenchServer(vertx, server);
  }

  /** The base URI for a client. */
  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/v3.8/distributor");
  }

  @Override
  public void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
