package io.priokit.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One client connection as an answer uses it: a buffered output, so that a head and a short body
 * leave in one packet, and the socket-level endings that faults need.
 */
final class Wire {

  private final Socket socket;
  private final OutputStream out;

  Wire(Socket socket, OutputStream out) {
    this.socket = socket;
    this.out = out;
  }

  OutputStream out() {
    return out;
  }

  /** Ends the connection with a reset (RST): linger zero makes closing send RST instead of FIN. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  /** Sends what is buffered, then ends the connection cleanly (FIN). */
  void finish() throws IOException {
    out.flush();
    socket.shutdownOutput();
    socket.close();
  }

  /** Returns once the client has closed or reset its end, or the simulator closed the connection. */
  void awaitHangUp() {
    try {
      socket.setSoTimeout(0);
      while (socket.getInputStream().read() >= 0) {
        // Whatever the client still sends is of no interest; only its hanging up is.
      }
    } catch (IOException hungUp) {
      // A reset, or the simulator closing the socket: either ends the wait.
    }
  }
}
