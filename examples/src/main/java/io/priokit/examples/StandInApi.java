package io.priokit.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A stand-in for the Prioticket API's System endpoints on loopback, so that the examples run with no
 * account and no network: {@code GET /v3.8/distributor/system/ping} answers 200 with no body and
 * {@code GET /v3.8/distributor/system/status} answers 200 with a small JSON object.
 */
public final class StandInApi implements AutoCloseable {

  private static final String BASE_PATH = "/v3.8/distributor";

  private final HttpServer server;

  private StandInApi(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts the stand-in on a free loopback port.
   *
   * @return the running stand-in; close it to stop it
   * @throws IOException if no port could be bound
   */
  public static StandInApi start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(BASE_PATH + "/system/ping", exchange -> answer(exchange, 200, null));
    server.createContext(BASE_PATH + "/system/status", exchange -> answer(exchange, 200,
        "{\"status\":\"OK\",\"checked_at\":\"" + Instant.now() + "\"}"));
    server.start();
    return new StandInApi(server);
  }

  /** The base URI to give a client, such as {@code http://127.0.0.1:41234/v3.8/distributor}. */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + BASE_PATH);
  }

  /** Stops the stand-in at once. */
  @Override
  public void close() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        json = "{\"error\":\"METHOD_NOT_ALLOWED\",\"error_description\":\"Use GET.\"}";
        status = 405;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (json == null) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
