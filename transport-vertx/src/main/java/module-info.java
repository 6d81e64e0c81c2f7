/**
 * priokit's transport over Vert.x's core HTTP client, with the Vert.x {@code Future} facade, a health
 * {@code ReadStream} and a Vert.x Health Checks procedure.
 */
module io.priokit.transport.vertx {
  requires transitive io.priokit.core;
  requires transitive io.vertx.core;
  requires io.netty.handler;
  requires io.netty.handler.proxy;
  requires io.netty.codec.http2;
  requires static io.vertx.healthcheck;
  requires static com.google.guice;
  requires static jakarta.inject;

  exports io.priokit.transport.vertx;

  provides io.priokit.spi.HttpTransportFactory with io.priokit.transport.vertx.VertxTransportFactory;
}
