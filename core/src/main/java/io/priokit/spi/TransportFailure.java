package io.priokit.spi;

import io.priokit.net.ProxyOptions;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why an exchange produced no complete response, in terms every adapter can report. Core maps each
 * kind into the error taxonomy; an adapter only has to say which kind happened.
 */
public final class TransportFailure extends RuntimeException {

  /** What went wrong. */
  public enum Kind {
    /** The connection could not be opened: refused, unreachable or unknown host. */
    CONNECT_FAILED,
    /** Opening the connection took longer than the connect timeout. */
    CONNECT_TIMEOUT,
    /** The exchange took longer than the request's timeout. */
    TIMEOUT,
    /** The connection was reset or closed, or the response was malformed, before it was complete. */
    CONNECTION_CLOSED,
    /** TLS failed: the handshake, the server's certificate or its host name. */
    TLS,
    /**
     * The proxy refused its credentials, or asked for credentials and had none: it answered
     * {@code 407}, or {@code 401} as some proxies answer a wrong password, to a {@code CONNECT} or to a
     * request sent through it.
     */
    PROXY_AUTHENTICATION,
    /** The waiting thread was interrupted. */
    INTERRUPTED,
    /** The transport was closed. */
    TRANSPORT_CLOSED,
    /**
     * The response body was larger than {@link TransportRequest#maxResponseBytes()}: reading stopped
     * at the bound and the connection was discarded.
     */
    BODY_TOO_LARGE,
    /** Anything else. */
    OTHER
  }

  /** What went wrong. */
  private final Kind kind;
  /** The status of the response being read when the failure happened, or 0. */
  private final int statusCode;

  /**
   * Creates the failure an adapter reports for its library's error.
   *
   * @param kind what went wrong
   * @param message what the HTTP library reported
   * @param cause the HTTP library's failure, or {@code null}
   */
  public TransportFailure(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, 0);
  }

  private TransportFailure(Kind kind, String message, Throwable cause, int statusCode) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.statusCode = statusCode;
  }

  /** {@return what went wrong} */
  public Kind kind() {
    return kind;
  }

  /** {@return the status of the response, when one had begun to arrive (a body too large), else empty} */
  public OptionalInt statusCode() {
    return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  /**
   * The failure of a response whose body is larger than the request allows.
   *
   * @param statusCode the response's status
   * @param maxResponseBytes the bound, from {@link TransportRequest#maxResponseBytes()}
   * @return a {@link Kind#BODY_TOO_LARGE} failure
   */
  public static TransportFailure bodyTooLarge(int statusCode, int maxResponseBytes) {
    return new TransportFailure(Kind.BODY_TOO_LARGE,
        "response body larger than " + maxResponseBytes + " bytes", null, statusCode);
  }

  /**
   * The failure of an exchange on a transport that was closed.
   *
   * @param transportName the transport's name, as in {@link HttpTransport#name()}
   * @return a {@link Kind#TRANSPORT_CLOSED} failure naming the transport
   */
  public static TransportFailure transportClosed(String transportName) {
    return new TransportFailure(Kind.TRANSPORT_CLOSED, "the " + transportName + " transport was closed", null);
  }

  /**
   * The failure of an exchange whose proxy answered instead of the API: refusing the credentials, or
   * asking for some ({@code 401} or {@code 407}), is {@link Kind#PROXY_AUTHENTICATION}; refusing the
   * tunnel for another reason (the API unreachable from the proxy, a port it does not allow) is
   * {@link Kind#CONNECT_FAILED}. The message names the proxy and, if any, the user; never the password.
   *
   * @param proxy the proxy that answered
   * @param status the status it answered with
   * @return the failure
   */
  public static TransportFailure proxyRefused(ProxyOptions proxy, int status) {
    String name = "proxy " + proxy.address();
    if (status == 401 || status == 407) {
      return new TransportFailure(Kind.PROXY_AUTHENTICATION, proxy.username()
          .map(user -> name + " refused the credentials of user " + user)
          .orElse(name + " asks for credentials and none are configured") + " (status " + status + ")", null);
    }
    return new TransportFailure(Kind.CONNECT_FAILED, name + " refused to open a tunnel (status " + status + ")", null);
  }

  /**
   * Classifies a failure by the JDK types HTTP libraries throw. Adapters call it for everything their
   * library does not report more precisely. A {@code TransportFailure} the adapter raised inside the
   * library (from a body subscriber, say) and the library wrapped comes back as it was raised. An
   * {@link Error} is no failure of the exchange: it comes back as {@link Kind#OTHER} with the error as
   * its cause, which core passes on as itself.
   *
   * @param failure what the HTTP library threw or completed a future with
   * @return the failure itself if it already is a {@code TransportFailure}, else a classified one
   */
  public static TransportFailure classify(Throwable failure) {
    Throwable cause = unwrap(failure);
    int depth = 0;
    for (Throwable inner = cause; inner != null && depth < 8; inner = inner.getCause(), depth++) {
      if (inner instanceof TransportFailure raised) {
        return raised;
      }
      if (inner instanceof Error error) {
        return new TransportFailure(Kind.OTHER, describe(error), error);
      }
    }
    return new TransportFailure(kindOf(cause), describe(cause), cause);
  }

  /**
   * Strips the wrappers that futures add around the failure that matters.
   *
   * @param failure what a future failed with
   * @return the innermost failure that is not a wrapper
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static Kind kindOf(Throwable cause) {
    // Netty's and Apache's ConnectTimeoutException extend ConnectException and InterruptedIOException:
    // known by name here, so that no library type leaks into core.
    if (cause instanceof HttpConnectTimeoutException
        || cause.getClass().getSimpleName().equals("ConnectTimeoutException")) {
      return Kind.CONNECT_TIMEOUT;
    }
    if (cause instanceof HttpTimeoutException
        || cause instanceof SocketTimeoutException
        || cause instanceof TimeoutException) {
      return Kind.TIMEOUT;
    }
    if (cause instanceof ConnectException
        || cause instanceof NoRouteToHostException
        || cause instanceof UnknownHostException) {
      return Kind.CONNECT_FAILED;
    }
    if (cause instanceof SSLException) {
      return Kind.TLS;
    }
    if (cause instanceof InterruptedException || cause instanceof InterruptedIOException) {
      return Kind.INTERRUPTED;
    }
    if (cause instanceof EOFException
        || cause instanceof SocketException
        || cause instanceof ClosedChannelException
        || cause instanceof java.io.IOException) {
      return Kind.CONNECTION_CLOSED;
    }
    if (cause instanceof RejectedExecutionException) {
      return Kind.TRANSPORT_CLOSED;
    }
    return Kind.OTHER;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    String type = cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }
}
