package io.priokit.contract;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port where connecting never completes: a listening socket that never accepts, with its
 * accept queue filled, so the kernel drops further SYNs and a client waits for its connect timeout.
 */
public final class UnansweredPort implements AutoCloseable {

  private final ServerSocket listening;
  private final List<Socket> queued = new ArrayList<>();

  private UnansweredPort() throws IOException {
    listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    for (int i = 0; i < 4; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(listening.getLocalSocketAddress(), 200);
        queued.add(socket);
      } catch (IOException queueFull) {
        socket.close();
      }
    }
  }

  /** A loopback port nothing listens on, for a connection to be refused. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Opens the port and fills its queue. */
  public static UnansweredPort open() throws IOException {
    return new UnansweredPort();
  }

  /** {@return the port} */
  public int port() {
    return listening.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    for (Socket socket : queued) {
      socket.close();
    }
    listening.close();
  }
}
