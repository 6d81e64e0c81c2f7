package io.priokit.error;

/**
 * No response arrived: the connection was refused, reset or closed early, the host could not be
 * resolved, TLS failed, the proxy refused its credentials, or the calling thread was interrupted.
 * {@link #reason()} says which.
 */
public final class TransportException extends PriokitException {

  /** Why no response arrived. */
  public enum Reason {
    /** The connection could not be opened: refused, unreachable or an unknown host. */
    CONNECT_FAILED,
    /** The connection was reset or closed before a complete response arrived. */
    CONNECTION_CLOSED,
    /**
     * The TLS handshake or session failed: the server's certificate is not trusted or is for another
     * host, or the handshake broke off. Not retried.
     */
    TLS_FAILED,
    /**
     * The HTTP proxy refused the credentials configured for it, or asked for credentials and none are
     * configured. The message names the proxy. Not retried: the same credentials would fail again.
     */
    PROXY_AUTHENTICATION_FAILED,
    /** The calling thread was interrupted while waiting; its interrupt flag is set again. */
    INTERRUPTED,
    /** The client was closed while the call was pending. */
    CLIENT_CLOSED,
    /** Any other input or output failure. */
    IO_FAILED
  }

  /** Why no response arrived. */
  private final Reason reason;

  /**
   * Creates the exception for a call that got no response.
   *
   * @param reason why no response arrived
   * @param detail what the transport reported, without secrets
   * @param cause the underlying failure, or {@code null}
   * @param context the call that failed
   */
  public TransportException(Reason reason, String detail, Throwable cause, FailureContext context) {
    super(FailureMessages.failure(describe(reason, detail), context), cause, context);
    this.reason = reason;
  }

  /** {@return why no response arrived} */
  public Reason reason() {
    return reason;
  }

  private static String describe(Reason reason, String detail) {
    String what = switch (reason) {
      case CONNECT_FAILED -> "Could not connect";
      case CONNECTION_CLOSED -> "Connection closed before a complete response";
      case TLS_FAILED -> "TLS failed";
      case PROXY_AUTHENTICATION_FAILED -> "Proxy authentication failed";
      case INTERRUPTED -> "Interrupted while waiting for a response";
      case CLIENT_CLOSED -> "Client closed while the call was pending";
      case IO_FAILED -> "I/O failure";
    };
    return detail == null || detail.isBlank() ? what : what + " (" + FailureMessages.singleLine(detail) + ")";
  }
}
