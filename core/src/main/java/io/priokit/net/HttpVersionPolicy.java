package io.priokit.net;

/**
 * Which HTTP version a transport speaks over TLS. Over plaintext {@code http://}, every transport
 * speaks HTTP/1.1.
 */
public enum HttpVersionPolicy {

  /**
   * HTTP/2 where the server agrees during the TLS handshake (ALPN), HTTP/1.1 otherwise. The default.
   */
  NEGOTIATE,

  /** HTTP/1.1 only, for a server or a TLS-inspecting proxy that mishandles HTTP/2. */
  HTTP_1_1
}
