package io.priokit.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS server (HTTP/1.1) that answers every request with what its TLS session shows:
 * {@code protocol=TLSv1.3;client=CN=…} (or {@code client=none}). It may require a client certificate
 * and allow only some TLS versions.
 */
public final class TlsEchoServer implements AutoCloseable {

  private final SSLServerSocket socket;
  private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "scripted-server-tls-echo");
    thread.setDaemon(true);
    return thread;
  });

  private TlsEchoServer(SSLContext context, boolean needClientAuth, String[] protocols) throws IOException {
    socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
        InetAddress.getLoopbackAddress());
    socket.setNeedClientAuth(needClientAuth);
    socket.setEnabledProtocols(protocols);
    connections.execute(this::acceptLoop);
  }

  /**
   * Starts a server with the test certificate for {@code localhost} and {@code 127.0.0.1}.
   *
   * @param needClientAuth whether to require a client certificate signed by the test CA
   * @param protocols the TLS versions the server allows
   */
  public static TlsEchoServer start(boolean needClientAuth, String... protocols) throws IOException {
    TestCertificates certificates = TestCertificates.get();
    return new TlsEchoServer(needClientAuth ? certificates.serverContextTrustingClients()
        : certificates.serverContext(), needClientAuth, protocols);
  }

  /** The base URI to give a client. */
  public URI baseUri() {
    return URI.create("https://127.0.0.1:" + socket.getLocalPort() + "/v3.8/distributor");
  }

  @Override
  public void close() throws IOException {
    socket.close();
    connections.shutdownNow();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        SSLSocket connection = (SSLSocket) socket.accept();
        connections.execute(() -> answer(connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void answer(SSLSocket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      for (int b; matched < end.length && (b = in.read()) >= 0; ) {
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String client;
      try {
        client = connection.getSession().getPeerPrincipal().getName();
      } catch (SSLPeerUnverifiedException none) {
        client = "none";
      }
      byte[] body = ("protocol=" + connection.getSession().getProtocol() + ";client=" + client)
          .getBytes(StandardCharsets.UTF_8);
      OutputStream out = connection.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: "
          + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    } catch (IOException failedHandshake) {
      // A client refused by the handshake: what the cases with no certificate or protocol test for.
    }
  }
}
