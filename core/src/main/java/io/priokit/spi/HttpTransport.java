package io.priokit.spi;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The driven port: one HTTP exchange. An adapter over an HTTP library translates a
 * {@link TransportRequest} into the library's request, the library's response into a
 * {@link TransportResponse}, and the library's failures into {@link TransportFailure}s, and nothing
 * else: core holds each attempt to its timeout, decodes {@code gzip}, maps statuses, retries and
 * authorises.
 *
 * <p>The contract every adapter passes (the transport contract suite in core's test-jar):
 *
 * <ul>
 *   <li>every status is returned as a {@link TransportResponse}, never as a failure, and redirects
 *       are not followed;
 *   <li>the body is returned as it came off the wire: the library's own decompression is off, so a
 *       {@code Content-Encoding: gzip} body arrives compressed, with its headers;
 *   <li>a body larger than {@link TransportRequest#maxResponseBytes()} fails with
 *       {@link TransportFailure.Kind#BODY_TOO_LARGE} as soon as the bound is crossed, and its
 *       connection is discarded;
 *   <li>every request goes on the wire once: the library's own resends are off;
 *   <li>every failure is a {@link TransportFailure} completing the future of {@link #sendAsync}
 *       exceptionally, or thrown by {@link #send} (an {@link Error} is passed on as itself);
 *   <li>cancelling the future of {@link #sendAsync} aborts the exchange and frees its connection;
 *   <li>a connection is released after every complete response, error statuses included;
 *   <li>response headers up to {@link #MAX_RESPONSE_HEADER_BYTES} in all are accepted;
 *   <li>TLS connections are made as {@link TransportOptions#tls()} says, the server's host name is
 *       always verified, and a failed handshake or an untrusted or mismatched certificate fails with
 *       {@link TransportFailure.Kind#TLS};
 *   <li>requests go through {@link TransportOptions#proxy()} unless it {@link
 *       io.priokit.net.ProxyOptions#bypasses bypasses} their host, HTTPS through a {@code CONNECT}
 *       tunnel; the proxy's credentials go to the proxy only, and its refusal of them fails with
 *       {@link TransportFailure.Kind#PROXY_AUTHENTICATION} (see {@link TransportFailure#proxyRefused}).
 * </ul>
 *
 * <p>Request header names are distinct ignoring case, and their order is not significant.
 */
public interface HttpTransport extends AutoCloseable {

  /** The size of a response's header section every adapter accepts at least. */
  int MAX_RESPONSE_HEADER_BYTES = 64 * 1024;

  /**
   * Sends a request without waiting.
   *
   * @param request the request
   * @return a future of the complete response, whatever its status; it completes exceptionally with
   *     a {@link TransportFailure} when no complete response arrived, and cancelling it aborts the
   *     exchange
   */
  CompletableFuture<TransportResponse> sendAsync(TransportRequest request);

  /**
   * Sends a request and waits for the complete response on the caller's thread. Interrupting the
   * thread aborts the exchange: the call then fails with {@link TransportFailure.Kind#INTERRUPTED}
   * and the thread's interrupt flag stays set. The default waits on {@link #sendAsync}; an adapter
   * whose library has a blocking call of its own may use it instead.
   *
   * @param request the request
   * @return the complete response, whatever its status
   * @throws TransportFailure when no complete response arrived
   */
  default TransportResponse send(TransportRequest request) {
    CompletableFuture<TransportResponse> exchange = sendAsync(request);
    try {
      return exchange.get();
    } catch (InterruptedException interrupted) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportFailure(TransportFailure.Kind.INTERRUPTED, "interrupted while waiting", interrupted);
    } catch (CancellationException cancelled) {
      throw new TransportFailure(TransportFailure.Kind.INTERRUPTED, "the exchange was cancelled", cancelled);
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof Error error) {
        throw error;
      }
      throw TransportFailure.classify(failed.getCause());
    }
  }

  /** {@return a short name of the adapter, such as {@code jdk}, for messages and logs} */
  String name();

  /**
   * Why a blocking call may not be made on the current thread, if it may not: an adapter running on
   * an event loop refuses blocking calls from that loop's threads, since they would deadlock.
   *
   * @return the reason, with what to call instead; empty when a blocking call is fine
   */
  default Optional<String> blockingCallRefusal() {
    return Optional.empty();
  }

  /**
   * The timers a client on this transport should wait on between attempts, if the transport brings
   * its own (the Vert.x transport's are Vert.x timers, so retries resume on the event loop); empty
   * to use the client's.
   *
   * @return the transport's timers, or empty
   */
  default Optional<TimeSource> timeSource() {
    return Optional.empty();
  }

  /** Releases the adapter's threads and connections. Idempotent. */
  @Override
  void close();
}
