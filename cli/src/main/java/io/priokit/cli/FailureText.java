package io.priokit.cli;

import io.priokit.error.PriokitException;
import io.priokit.error.TransportException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * The message the command prints for a failure. Connection failures read the same whatever the
 * transport: each HTTP library words an unknown host or a refused connection its own way (the JDK's
 * client says only {@code ConnectException}), so for those the command says what happened itself.
 */
final class FailureText {

  private FailureText() {}

  static String of(PriokitException failure, URI target) {
    if (failure instanceof TransportException transport
        && transport.reason() == TransportException.Reason.CONNECT_FAILED) {
      String what = hasCause(failure, UnknownHostException.class) || hasCause(failure, UnresolvedAddressException.class)
          ? "Could not connect: unknown host " + target.getHost()
          : refused(failure) ? "Could not connect: connection refused by " + target.getHost() + ":" + port(target)
          : null;
      if (what != null) {
        return what + " on " + failure.context().request() + " (attempts=" + failure.attempts() + ")";
      }
    }
    return failure.getMessage();
  }

  private static boolean refused(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException && String.valueOf(cause.getMessage()).contains("refused")) {
        return true;
      }
    }
    // The JDK's client reports a refused connection as a ConnectException with no message at all.
    return hasCause(failure, ConnectException.class) && !hasCause(failure, UnknownHostException.class);
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static int port(URI target) {
    return target.getPort() != -1 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
  }
}
