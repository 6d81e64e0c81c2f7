package io.priokit.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on a loopback port that passes every connection on to another port and records the
 * bytes clients send through it: put in front of a proxy, it shows what the proxy sees in clear.
 */
public final class RecordingRelay implements AutoCloseable {

  private final ServerSocket socket;
  private final int upstreamPort;
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "scripted-server-relay");
    thread.setDaemon(true);
    return thread;
  });

  private RecordingRelay(int upstreamPort) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstreamPort = upstreamPort;
    pumps.execute(this::acceptLoop);
  }

  /** Starts a relay to the loopback port. */
  public static RecordingRelay to(int upstreamPort) throws IOException {
    return new RecordingRelay(upstreamPort);
  }

  /** The relay's own port, to give a client in place of the upstream one. */
  public int port() {
    return socket.getLocalPort();
  }

  /** Everything clients sent so far, as ISO-8859-1 text (every byte one character). */
  public String sentByClients() {
    synchronized (sent) {
      return sent.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    pumps.shutdownNow();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        pumps.execute(() -> pump(client, upstream, true));
        pumps.execute(() -> pump(upstream, client, false));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean record) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        if (record) {
          synchronized (sent) {
            sent.write(buffer, 0, read);
          }
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException ended) {
      // Either side hung up: the other is closed below.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException alreadyClosed) {
      // Nothing left to release.
    }
  }
}
