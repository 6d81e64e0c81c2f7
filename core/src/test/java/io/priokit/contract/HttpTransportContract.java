package io.priokit.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every transport adapter promises at the port itself, called through {@link HttpTransport#send}
 * and {@link HttpTransport#sendAsync} directly against real HTTP on loopback: statuses, headers and
 * bodies passed through untouched, every failure a {@link TransportFailure} of the right kind, the
 * body bound, no resend of its own, cancellation, interrupts and connection release. An adapter's
 * test class extends this and supplies only {@link #createTransport}; another extends
 * {@link HttpsTransportContract}, which runs every case again over TLS and adds the TLS ones. Timeouts,
 * gzip and everything else the pipeline does are core's, tested in virtual time; {@link ClientContract}
 * runs the whole client over each transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpTransportContract {

  /** The bound on response bodies in these cases. */
  protected static final int BOUND = 100_000;

  @RegisterExtension
  protected static final WireMockExtension SERVER = WireMockExtension.newInstance()
      .options(Wire.wireMockConfig().containerThreads(40).jettyAcceptors(1))
      .build();

  private final List<HttpTransport> transports = new ArrayList<>();

  /** How to create the transport under test. */
  protected abstract HttpTransport createTransport(TransportOptions options);

  /** What the cases run over; the HTTPS contract runs them over TLS. */
  protected Wire wire() {
    return Wire.PLAIN;
  }

  /**
   * Whether the transport keeps to {@code maxConnections}; the JDK client cannot be told a pool size,
   * so its test says no.
   */
  protected boolean honoursMaxConnections() {
    return true;
  }

  /**
   * Whether the library resends a GET by itself, once, when its connection closes before a byte of
   * the response came, with no switch to turn that off per client. Only the JDK's client does: the
   * one exception to "every request goes on the wire once", and its test class says why.
   */
  protected boolean resendsAGetWhoseConnectionClosesBeforeTheResponse() {
    return false;
  }

  /** The two ways in: the blocking method and the asynchronous one. */
  public enum Mode {
    SEND, SEND_ASYNC;

    /** Sends and waits, throwing the failure unwrapped; gives up after a minute so a hang fails the test. */
    TransportResponse exchange(HttpTransport transport, TransportRequest request) {
      if (this == SEND) {
        return transport.send(request);
      }
      try {
        return transport.sendAsync(request).get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException failed) {
        if (failed.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new AssertionError("exchange failed with " + failed.getCause(), failed.getCause());
      } catch (InterruptedException | java.util.concurrent.TimeoutException stuck) {
        throw new AssertionError("exchange did not complete within a minute", stuck);
      }
    }
  }

  @AfterEach
  void closeTransports() {
    transports.forEach(HttpTransport::close);
    transports.clear();
  }

  /** A transport of the kind under test that can reach this wire's servers, closed after the test. */
  protected HttpTransport transport(TransportOptions options) {
    return closedAfterTheTest(createTransport(wire().options(options)));
  }

  /** Closes the transport after the test. */
  protected HttpTransport closedAfterTheTest(HttpTransport transport) {
    transports.add(transport);
    return transport;
  }

  protected HttpTransport transport() {
    return transport(TransportOptions.DEFAULTS);
  }

  /** The WireMock server's URI of the path, on this wire. */
  protected URI uri(String path) {
    return wire().uri(SERVER, path);
  }

  protected static TransportRequest request(URI uri) {
    return TransportRequest.get(uri, Map.of("Accept", "application/json"), BOUND);
  }

  // ---------------------------------------------------------------- statuses, headers, bodies

  static Stream<Arguments> statusesInEveryMode() {
    return Stream.of(200, 201, 204, 301, 302, 400, 401, 404, 407, 429, 500, 503, 599)
        .flatMap(status -> Stream.of(Mode.values()).map(mode -> Arguments.of(status, mode)));
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("statusesInEveryMode")
  void everyStatusIsAResponseWithItsHeadersAndBody(int status, Mode mode) {
    String body = status == 204 ? "" : "body of " + status;
    SERVER.stubFor(any(urlPathEqualTo("/status")).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "text/plain").withHeader("Location", "/elsewhere")
        .withHeader("X-Status", String.valueOf(status)).withBody(body)));

    TransportResponse response = mode.exchange(transport(), request(uri("/status")));

    assertThat(response.statusCode()).as("redirects are not followed").isEqualTo(status);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(response.headers().firstValue("x-status")).as("names are case-insensitive").hasValue(String.valueOf(status));
    SERVER.verify(1, anyRequestedFor(urlPathEqualTo("/status")));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void requestHeadersArriveAsSent(Mode mode) {
    SERVER.stubFor(get(urlPathEqualTo("/headers")).willReturn(aResponse().withStatus(200)));
    Map<String, String> headers = Map.of("Accept", "application/json", "App-Name", "shop",
        "App-Reference", "3f1e-Case-Kept", "Authorization", "Bearer t0k3n", "Accept-Encoding", "gzip");

    mode.exchange(transport(), TransportRequest.get(uri("/headers"), headers, BOUND));

    LoggedRequest received = SERVER.findAll(anyRequestedFor(urlPathEqualTo("/headers"))).get(0);
    headers.forEach((name, value) -> assertThat(received.getHeader(name)).as(name).isEqualTo(value));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aResponseHeaderWithSeveralValuesKeepsThemAll(Mode mode) throws IOException {
    try (ScriptedServer server = wire().scripted(out -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\n"
        + "X-Multi: one\r\nx-multi: two\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n"))) {
      TransportResponse response = mode.exchange(transport(), request(server.baseUri()));

      assertThat(response.headers().allValues("X-Multi")).containsExactlyInAnyOrder("one", "two");
      assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1", "b=2");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void largeResponseHeadersAreAccepted(Mode mode) throws IOException {
    String large = "v".repeat(60_000);
    try (ScriptedServer server = wire().scripted(out -> ScriptedServer.write(out,
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Large: " + large + "\r\n\r\n{}"))) {
      TransportResponse response = mode.exchange(transport(), request(server.baseUri()));

      assertThat(response.headers().firstValue("X-Large")).hasValue(large);
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aPostBodyArrivesWithItsContentType(Mode mode) {
    SERVER.stubFor(any(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200).withBody("{}")));
    byte[] body = "{\"grant_type\":\"client_credentials\"}".getBytes(StandardCharsets.UTF_8);

    mode.exchange(transport(), new TransportRequest("POST", uri("/token"),
        Map.of("Content-Type", "application/json"), body, BOUND));

    SERVER.verify(1, postRequestedFor(urlPathEqualTo("/token"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalTo("{\"grant_type\":\"client_credentials\"}")));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aQueryIsKeptOnTheWire(Mode mode) {
    SERVER.stubFor(get(urlPathEqualTo("/query")).willReturn(aResponse().withStatus(200)));

    mode.exchange(transport(), request(uri("/query?lang=en&q=a%20b")));

    assertThat(SERVER.findAll(anyRequestedFor(urlPathEqualTo("/query"))).get(0).getUrl())
        .isEqualTo("/query?lang=en&q=a%20b");
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aGzipBodyArrivesCompressedWithItsHeaders(Mode mode) throws IOException {
    byte[] compressed = gzip("{\"status\":\"OK\"}");
    try (ScriptedServer server = wire().scripted(out -> {
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
          + "Content-Length: " + compressed.length + "\r\n\r\n");
      out.write(compressed);
      out.flush();
    })) {
      TransportResponse response = mode.exchange(transport(),
          TransportRequest.get(server.baseUri(), Map.of("Accept-Encoding", "gzip"), BOUND));

      assertThat(response.body()).as("the library decompresses nothing: core does").isEqualTo(compressed);
      assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aBinaryBodyUpToTheBoundArrivesIntact(Mode mode) {
    byte[] body = new byte[BOUND];
    new Random(7).nextBytes(body);
    SERVER.stubFor(get(urlPathEqualTo("/binary")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/octet-stream").withBody(body)));

    TransportResponse response = mode.exchange(transport(), request(uri("/binary")));

    assertThat(response.body()).isEqualTo(body);
  }

  // ---------------------------------------------------------------- the body bound

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aBodyDeclaredLargerThanTheBoundFailsBeforeItIsRead(Mode mode) throws Exception {
    CountDownLatch hungUp = new CountDownLatch(1);
    try (ScriptedServer server = wire().scripted((in, out) -> {
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + (64L << 20) + "\r\n\r\n");
      out.write(new byte[1024]);
      out.flush();
      ScriptedServer.awaitHangUp(in);
      hungUp.countDown();
    })) {
      TransportFailure failure = catchThrowableOfType(TransportFailure.class,
          () -> mode.exchange(transport(), request(server.baseUri())));

      assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.BODY_TOO_LARGE);
      assertThat(failure.statusCode()).hasValue(200);
      assertThat(hungUp.await(10, TimeUnit.SECONDS)).as("the connection was discarded").isTrue();
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aChunkedBodyGrowingPastTheBoundFailsAtTheBoundNotAtItsEnd(Mode mode) throws Exception {
    CountDownLatch hungUp = new CountDownLatch(1);
    try (ScriptedServer server = wire().scripted((in, out) -> {
      ScriptedServer.write(out, "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n");
      String chunk = "x".repeat(16 * 1024);
      for (int sent = 0; sent <= BOUND; sent += chunk.length()) {
        ScriptedServer.write(out, Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
      }
      // The body goes on, but never comes: a client that waits for its end hangs here.
      ScriptedServer.awaitHangUp(in);
      hungUp.countDown();
    })) {
      TransportFailure failure = catchThrowableOfType(TransportFailure.class,
          () -> mode.exchange(transport(), request(server.baseUri())));

      assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.BODY_TOO_LARGE);
      assertThat(failure.statusCode()).hasValue(503);
      assertThat(hungUp.await(10, TimeUnit.SECONDS)).as("the connection was discarded").isTrue();
    }
  }

  // ---------------------------------------------------------------- failures

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aRefusedConnectionIsConnectFailed(Mode mode) throws IOException {
    TransportFailure failure = catchThrowableOfType(TransportFailure.class,
        () -> mode.exchange(transport(), request(wire().uri(UnansweredPort.freePort(), "/x"))));

    assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.CONNECT_FAILED);
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aConnectionThatCannotBeOpenedInTimeIsAConnectTimeout(Mode mode) throws IOException {
    try (UnansweredPort port = UnansweredPort.open()) {
      HttpTransport transport = transport(TransportOptions.DEFAULTS.withConnectTimeout(Duration.ofMillis(300)));

      TransportFailure failure = catchThrowableOfType(TransportFailure.class,
          () -> mode.exchange(transport, request(wire().uri(port.port(), "/x"))));

      assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.CONNECT_TIMEOUT);
    }
  }


  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aResetInTheMiddleOfTheBodyIsConnectionClosed(Mode mode) throws IOException {
    try (ScriptedServer server = wire().scripted(out -> {
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"status\":\"O");
      throw new ScriptedServer.Reset();
    })) {
      TransportFailure failure = catchThrowableOfType(TransportFailure.class,
          () -> mode.exchange(transport(), request(server.baseUri())));

      assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.CONNECTION_CLOSED);
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aServerClosingMidBodyIsConnectionClosed(Mode mode) throws IOException {
    try (ScriptedServer server = wire().scripted(out -> ScriptedServer.write(out,
        "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"status\":"))) {
      TransportFailure failure = catchThrowableOfType(TransportFailure.class,
          () -> mode.exchange(transport(), request(server.baseUri())));

      assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.CONNECTION_CLOSED);
    }
  }

  static Stream<Arguments> faultsInEveryMode() {
    return Stream.of(Fault.EMPTY_RESPONSE, Fault.CONNECTION_RESET_BY_PEER, Fault.RANDOM_DATA_THEN_CLOSE,
            Fault.MALFORMED_RESPONSE_CHUNK)
        .flatMap(fault -> Stream.of(Mode.values()).map(mode -> Arguments.of(fault, mode)));
  }

  @ParameterizedTest(name = "{0} through {1}")
  @MethodSource("faultsInEveryMode")
  void aBrokenConnectionIsAFailureOfTheConnection(Fault fault, Mode mode) {
    SERVER.stubFor(get(urlPathEqualTo("/fault")).willReturn(aResponse().withFault(fault)));

    TransportFailure failure = catchThrowableOfType(TransportFailure.class,
        () -> mode.exchange(transport(), request(uri("/fault"))));

    assertThat(failure.kind()).as("%s", failure).isEqualTo(TransportFailure.Kind.CONNECTION_CLOSED);
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void eachRequestGoesOnTheWireOnceEvenWhenItsConnectionIsReset(Mode mode) throws IOException {
    try (ScriptedServer server = wire().scripted(out -> {
      throw new ScriptedServer.Reset();
    })) {
      TransportFailure failure = catchThrowableOfType(TransportFailure.class,
          () -> mode.exchange(transport(), request(server.baseUri())));

      assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.CONNECTION_CLOSED);
      assertThat(server.requests()).as("requests the server read")
          .isEqualTo(resendsAGetWhoseConnectionClosesBeforeTheResponse() ? 2 : 1);
    }
  }

  // ---------------------------------------------------------------- cancellation, interrupts, release

  @Test
  void cancellingAnAsyncExchangeAbortsItAndFreesItsConnection() throws Exception {
    CountDownLatch firstArrived = new CountDownLatch(1);
    CountDownLatch firstClosedByClient = new CountDownLatch(1);
    AtomicInteger connections = new AtomicInteger();
    try (ScriptedServer server = wire().scripted((in, out) -> {
      if (connections.incrementAndGet() == 1) {
        firstArrived.countDown();
        ScriptedServer.awaitHangUp(in);
        firstClosedByClient.countDown();
      } else {
        ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
      }
    })) {
      HttpTransport transport = transport(TransportOptions.DEFAULTS.withMaxConnections(1));
      CompletableFuture<TransportResponse> exchange = transport.sendAsync(request(server.baseUri()));
      assertThat(firstArrived.await(10, TimeUnit.SECONDS)).as("request reached the server").isTrue();

      assertThat(exchange.cancel(true)).isTrue();

      assertThat(firstClosedByClient.await(10, TimeUnit.SECONDS)).as("the aborted exchange's connection closed").isTrue();
      assertThat(transport.sendAsync(request(server.baseUri()))).succeedsWithin(Duration.ofSeconds(10))
          .satisfies(response -> assertThat(response.statusCode()).isEqualTo(200));
    }
  }

  @Test
  void interruptingABlockingSendAbortsItAndKeepsTheInterrupt() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch closedByClient = new CountDownLatch(1);
    try (ScriptedServer server = wire().scripted((in, out) -> {
      arrived.countDown();
      ScriptedServer.awaitHangUp(in);
      closedByClient.countDown();
    })) {
      HttpTransport transport = transport();
      CallerThread caller = CallerThread.start(() -> transport.send(request(server.baseUri())));
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

      caller.interrupt();

      CallerThread.Ending ending = caller.ending(Duration.ofSeconds(10));
      assertThat(ending.interrupted()).as("the interrupt kept").isTrue();
      assertThat(ending.failure()).isInstanceOfSatisfying(TransportFailure.class,
          failure -> assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.INTERRUPTED));
      assertThat(closedByClient.await(10, TimeUnit.SECONDS)).as("the aborted exchange's connection closed").isTrue();
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void connectionsAreReleasedAfterErrorResponses(Mode mode) {
    SERVER.stubFor(get(urlPathEqualTo("/unavailable")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"DOWN\"}")));
    SERVER.stubFor(get(urlPathEqualTo("/missing")).willReturn(aResponse().withStatus(404).withBody("<html>not here</html>")));
    HttpTransport transport = transport(TransportOptions.DEFAULTS.withMaxConnections(2));

    for (int i = 0; i < 15; i++) {
      assertThat(mode.exchange(transport, request(uri("/unavailable"))).statusCode()).isEqualTo(503);
      assertThat(mode.exchange(transport, request(uri("/missing"))).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void thePoolKeepsToMaxConnections() throws Exception {
    // Counted between the request's arrival and the response's start: the client cannot send a
    // request on a connection of its own before it has the previous one's response.
    AtomicInteger serving = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    try (ScriptedServer server = wire().scripted(out -> {
      peak.accumulateAndGet(serving.incrementAndGet(), Math::max);
      Thread.sleep(100);
      serving.decrementAndGet();
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    })) {
      HttpTransport transport = transport(TransportOptions.DEFAULTS.withMaxConnections(2));
      List<CompletableFuture<TransportResponse>> exchanges = new ArrayList<>();

      for (int i = 0; i < 12; i++) {
        exchanges.add(transport.sendAsync(request(server.baseUri())));
      }

      assertThat(CompletableFuture.allOf(exchanges.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(30));
      assertThat(exchanges).allSatisfy(exchange -> assertThat(exchange.join().statusCode()).isEqualTo(200));
      assertThat(peak.get()).isLessThanOrEqualTo(honoursMaxConnections() ? 2 : 12);
    }
  }

  @Test
  void twoHundredExchangesInFlightAtOnceAllComplete() {
    SERVER.stubFor(get(urlPathEqualTo("/many")).willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(100)));
    HttpTransport transport = transport();

    List<CompletableFuture<TransportResponse>> exchanges = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      exchanges.add(transport.sendAsync(request(uri("/many"))));
    }

    assertThat(CompletableFuture.allOf(exchanges.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(60));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aClosedTransportRefusesNewExchanges(Mode mode) {
    HttpTransport transport = createTransport(wire().options(TransportOptions.DEFAULTS));
    transport.close();

    TransportFailure failure = catchThrowableOfType(TransportFailure.class,
        () -> mode.exchange(transport, request(uri("/closed"))));

    assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.TRANSPORT_CLOSED);
  }

  @Test
  void closingReleasesTheTransportsThreads() throws Exception {
    SERVER.stubFor(get(urlPathEqualTo("/threads")).willReturn(aResponse().withStatus(200).withBody("{}")));
    try (HttpTransport warmUp = createTransport(wire().options(TransportOptions.DEFAULTS))) {
      warmUp.send(request(uri("/threads")));
    }
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    HttpTransport transport = createTransport(wire().options(TransportOptions.DEFAULTS));
    transport.send(request(uri("/threads")));
    transport.sendAsync(request(uri("/threads"))).join();
    transport.close();

    Polling.await(Duration.ofSeconds(15),
        () -> Threads.startedSince(before, this::isTestInfrastructureThread).isEmpty());
    assertThat(Threads.startedSince(before, this::isTestInfrastructureThread)).isEmpty();
  }

  /** Threads of the test's own servers, which come and go as they please. */
  protected boolean isTestInfrastructureThread(String name) {
    return Threads.isTestServerThread(name);
  }

  // ---------------------------------------------------------------- helpers

  Stream<Mode> modes() {
    return Stream.of(Mode.values());
  }

  protected static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

}
