package io.priokit.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback server that speaks raw bytes, for misbehaviour an HTTP server will not produce: a body
 * cut short, a body dribbled a few bytes at a time. Each accepted connection reads the request head
 * and then runs the script. Over TLS it speaks HTTP/1.1 inside a TLS session that offers no HTTP/2,
 * and a reset still resets the TCP connection under it.
 */
public final class ScriptedServer implements AutoCloseable {

  /** What the server does with a connection after reading the request head. */
  @FunctionalInterface
  public interface Script {
    void run(OutputStream out) throws IOException, InterruptedException;
  }

  /** Thrown by a script to end its connection with a reset (RST) rather than a clean close. */
  public static final class Reset extends IOException {
    public Reset() {
      super("reset by the script");
    }
  }

  /** A script that also reads what the client sends after the head, or sees it hang up. */
  @FunctionalInterface
  public interface DuplexScript {
    void run(InputStream in, OutputStream out) throws IOException, InterruptedException;
  }

  /** A script that answers according to the request head it was given (method, path, headers). */
  @FunctionalInterface
  public interface HeadScript {
    void run(String head, OutputStream out) throws IOException, InterruptedException;
  }

  /** What every script is, inside. */
  private interface FullScript {
    void run(String head, InputStream in, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final SSLContext tls;
  private final boolean breaksHandshakes;
  private final AtomicInteger requests = new AtomicInteger();
  private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "scripted-server");
    thread.setDaemon(true);
    return thread;
  });

  private ScriptedServer(FullScript script, SSLContext tls, boolean breaksHandshakes) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.tls = tls;
    this.breaksHandshakes = breaksHandshakes;
    connections.execute(() -> acceptLoop(script));
  }

  /** Starts a server that runs the script on every connection. */
  public static ScriptedServer start(Script script) throws IOException {
    return new ScriptedServer((head, in, out) -> script.run(out), null, false);
  }

  /** Starts a server that runs the script, with the connection's input, on every connection. */
  public static ScriptedServer startWithInput(DuplexScript script) throws IOException {
    return new ScriptedServer((head, in, out) -> script.run(in, out), null, false);
  }

  /** Starts a server that runs the script, with the request head as text, on every connection. */
  public static ScriptedServer startWithHead(HeadScript script) throws IOException {
    return new ScriptedServer((head, in, out) -> script.run(head, out), null, false);
  }

  /**
   * Starts a server that runs the script, with the connection's input, on every connection, inside a
   * TLS session made with the context.
   */
  public static ScriptedServer startTls(SSLContext context, DuplexScript script) throws IOException {
    return new ScriptedServer((head, in, out) -> script.run(in, out), context, false);
  }

  /**
   * Starts a server that runs the script, with the request head as text, on every connection, inside
   * a TLS session made with the context.
   */
  public static ScriptedServer startTlsWithHead(SSLContext context, HeadScript script) throws IOException {
    return new ScriptedServer((head, in, out) -> script.run(head, out), context, false);
  }

  /**
   * Starts a server that reads the first bytes of what a client sends (the start of a TLS
   * {@code ClientHello}) and closes the connection: a TLS server breaking off the handshake. Each
   * connection counts as a request; the base URI is {@code https}.
   */
  public static ScriptedServer breakingTlsHandshakes() throws IOException {
    return new ScriptedServer((head, in, out) -> in.readNBytes(5), null, true);
  }

  /** The base URI to give a client: {@code https} over TLS. */
  public URI baseUri() {
    return URI.create((tls == null && !breaksHandshakes ? "http" : "https") + "://127.0.0.1:"
        + socket.getLocalPort() + "/v3.8/distributor");
  }

  /** How many request heads the server has read. */
  public int requests() {
    return requests.get();
  }

  /** Writes ASCII text. */
  public static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Returns once the client has closed or reset its end of the connection. */
  public static void awaitHangUp(InputStream in) {
    try {
      while (in.read() >= 0) {
        // Whatever the client still sends is of no interest; only its hanging up is.
      }
    } catch (IOException reset) {
      // A reset is a hang-up too.
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    connections.shutdownNow();
  }

  private void acceptLoop(FullScript script) {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connections.execute(() -> serve(connection, script));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection, FullScript script) {
    Socket session = connection;
    try {
      if (tls != null) {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory()
            .createSocket(connection, "127.0.0.1", connection.getPort(), true);
        secure.setUseClientMode(false);
        session = secure;
      }
      InputStream in = session.getInputStream();
      String head = breaksHandshakes ? "" : readHead(in);
      if (head == null) {
        return;
      }
      requests.incrementAndGet();
      script.run(head, in, session.getOutputStream());
    } catch (Reset reset) {
      try {
        // Linger zero: closing the TCP socket (under any TLS session, which thus ends unannounced)
        // sends RST instead of FIN.
        connection.setSoLinger(true, 0);
        session = connection;
      } catch (IOException alreadyGone) {
        // The client hung up first: nothing is left to reset.
      }
    } catch (IOException | InterruptedException ended) {
      // The client hung up or the server closed: both are what the scripts test for.
    } finally {
      try {
        // A TLS session closes as a server's does, announcing it (close_notify) before the FIN.
        session.close();
      } catch (IOException alreadyClosed) {
        // Nothing left to release.
      }
    }
  }

  /** Reads a request head: its text, or {@code null} when the client hung up before it ended. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b; matched < end.length && (b = in.read()) >= 0; ) {
      head.append((char) b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return matched == end.length ? head.toString() : null;
  }
}
