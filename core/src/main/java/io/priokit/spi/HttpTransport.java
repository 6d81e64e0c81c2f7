package io.priokit.spi;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The driven port: one HTTP exchange, blocking or asynchronous. An adapter over an HTTP library
 * implements both methods natively and translates requests, responses and failures, nothing else: it
 * knows nothing of Prioticket, retries no request and maps no status.
 *
 * <p>The contract every adapter passes (the transport contract suite in core's test-jar):
 *
 * <ul>
 *   <li>every status is returned as a {@link TransportResponse}, never as a failure;
 *   <li>the whole exchange, up to the last byte of the body, completes within
 *       {@link TransportRequest#timeout()}, or fails with {@link TransportFailure.Kind#TIMEOUT};
 *   <li>every failure is a {@link TransportFailure}, thrown by {@link #send} or completing the future
 *       of {@link #sendAsync} exceptionally;
 *   <li>a {@code Content-Encoding: gzip} body is returned decoded;
 *   <li>response headers up to {@link #MAX_RESPONSE_HEADER_BYTES} in all are accepted;
 *   <li>cancelling the future of {@link #sendAsync} aborts the exchange and frees its connection;
 *   <li>a connection is released after every response, error statuses included.
 * </ul>
 */
public interface HttpTransport extends AutoCloseable {

  /** The size of a response's header section every adapter accepts at least. */
  int MAX_RESPONSE_HEADER_BYTES = 64 * 1024;

  /**
   * Sends a request and waits for the complete response.
   *
   * @param request the request
   * @return the response, whatever its status
   * @throws TransportFailure when no complete response arrived in time
   */
  TransportResponse send(TransportRequest request);

  /**
   * Sends a request without waiting.
   *
   * @param request the request
   * @return a future of the response, whatever its status; it completes exceptionally with a
   *     {@link TransportFailure} when no complete response arrived in time
   */
  CompletableFuture<TransportResponse> sendAsync(TransportRequest request);

  /** A short name of the adapter, such as {@code jdk}, for messages and logs. */
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
   * The timers a client on this transport should wait on, if the transport brings its own (the
   * Vert.x transport schedules backoff on Vert.x timers); empty to use the client's.
   */
  default Optional<TimeSource> timeSource() {
    return Optional.empty();
  }

  /** Releases the adapter's threads and connections. Idempotent. */
  @Override
  void close();
}
