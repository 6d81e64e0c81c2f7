package io.priokit.simulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server on a loopback socket, one thread per connection. It is written on plain
 * sockets rather than the JDK's {@code HttpServer} because faults need the socket itself: a reset,
 * a body cut short, a byte at a time.
 */
final class SimulatorServer implements AutoCloseable {

  /** An idle keep-alive connection is closed after this long, so that no thread waits forever. */
  private static final int IDLE_TIMEOUT_MILLIS = 120_000;

  private final ServerSocket socket;
  private final Function<IncomingRequest, Answer> handler;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "prioticket-simulator");
    thread.setDaemon(true);
    return thread;
  });

  private SimulatorServer(ServerSocket socket, Function<IncomingRequest, Answer> handler) {
    this.socket = socket;
    this.handler = handler;
  }

  /**
   * Binds a loopback port and starts accepting.
   *
   * @param port the port, or 0 for a free one
   * @param handler turns each request into its answer
   */
  static SimulatorServer start(int port, Function<IncomingRequest, Answer> handler) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    SimulatorServer server = new SimulatorServer(socket, handler);
    server.threads.execute(server::acceptLoop);
    return server;
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Stops accepting, closes every connection (ending hangs and drips) and stops the threads. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException alreadyClosed) {
      // Nothing left to release.
    }
    open.forEach(SimulatorServer::closeQuietly);
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException closed) {
        return;
      }
      open.add(connection);
      try {
        threads.execute(() -> serve(connection));
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // Accepted while the simulator was closing: nothing will serve it.
        open.remove(connection);
        closeQuietly(connection);
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try {
      connection.setTcpNoDelay(true);
      connection.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = new BufferedOutputStream(connection.getOutputStream());
      while (true) {
        IncomingRequest request = IncomingRequest.read(in, out);
        if (request == null) {
          return;
        }
        Answer answer = handler.apply(request);
        String acceptEncoding = request.header("Accept-Encoding");
        answer.send(new Wire(connection, out), acceptEncoding != null && acceptEncoding.contains("gzip"));
        if (!request.keepAlive() || !answer.leavesConnectionOpen()) {
          return;
        }
      }
    } catch (IncomingRequest.Malformed malformed) {
      answerMalformed(connection, malformed.getMessage());
    } catch (IOException hungUp) {
      // The client hung up, or a fault ended the connection: both are what a scenario asks for.
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(connection);
      closeQuietly(connection);
    }
  }

  private static void answerMalformed(Socket connection, String why) {
    try {
      Answer.of(400, "text/plain", "The simulator could not read the request: " + why + "\n", java.util.Map.of())
          .send(new Wire(connection, connection.getOutputStream()), false);
    } catch (IOException gone) {
      // The client is gone as well; the connection closes either way.
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket connection) {
    try {
      connection.close();
    } catch (IOException alreadyClosed) {
      // Nothing left to release.
    }
  }
}
