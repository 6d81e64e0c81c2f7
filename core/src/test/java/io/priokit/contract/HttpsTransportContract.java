package io.priokit.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.priokit.net.HttpVersionPolicy;
import io.priokit.net.TlsOptions;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The port's contract over TLS: every case of {@link HttpTransportContract} again over HTTPS (HTTP/2
 * with the WireMock server where both agree, HTTP/1.1 with the scripted servers), and what only TLS
 * has: trust, host name verification that no option turns off, a handshake broken off, the HTTP
 * version, a client certificate and the TLS versions allowed. The certificates are made at test time
 * ({@link TestCertificates}).
 */
public abstract class HttpsTransportContract extends HttpTransportContract {

  @Override
  protected Wire wire() {
    return Wire.TLS;
  }

  /** Whether the transport offers HTTP/2 over TLS by default. */
  protected boolean negotiatesHttp2() {
    return true;
  }

  private static TlsOptions trustingTestCa() {
    return TestCertificates.get().trustingTestCa();
  }

  // ---------------------------------------------------------------- trust and host names

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aServerWhoseCertificateIsNotTrustedFailsAsTls(Mode mode) {
    SERVER.stubFor(get(urlPathEqualTo("/untrusted")).willReturn(aResponse().withStatus(200)));
    HttpTransport jvmTrustOnly = closedAfterTheTest(createTransport(TransportOptions.DEFAULTS));

    TransportFailure failure = catchThrowableOfType(TransportFailure.class,
        () -> mode.exchange(jvmTrustOnly, request(uri("/untrusted"))));

    assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.TLS);
    SERVER.verify(0, anyRequestedFor(anyUrl()));
  }

  /** Trust of the CA that signed the certificate for another host, with every other option varied. */
  static Stream<Arguments> optionsThatTrustTheIssuer() {
    TestCertificates certificates = TestCertificates.get();
    return Stream.of(
        Arguments.of("trust store given", trustingTestCa()),
        Arguments.of("trust store file, TLSv1.2, HTTP/1.1", TlsOptions.builder()
            .trustStore(certificates.trustStore(), "PKCS12", TestCertificates.PASSWORD)
            .protocols("TLSv1.2").httpVersion(HttpVersionPolicy.HTTP_1_1).build()),
        Arguments.of("TLSv1.3 only", TlsOptions.builder()
            .trustStore(certificates.trustStore(), "PKCS12", TestCertificates.PASSWORD).protocols("TLSv1.3").build()),
        Arguments.of("with a client certificate", TlsOptions.builder()
            .trustStore(certificates.trustStore(), "PKCS12", TestCertificates.PASSWORD)
            .keyStore(certificates.clientKeyStore(), "PKCS12", TestCertificates.PASSWORD).build()),
        Arguments.of("SSLContext given", TlsOptions.builder().sslContext(certificates.clientContext()).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionsThatTrustTheIssuer")
  void aCertificateForAnotherHostFailsAsTlsWhateverTheOptions(String name, TlsOptions tls) throws IOException {
    try (ScriptedServer server = ScriptedServer.startTls(TestCertificates.get().wrongNameServerContext(),
        (in, out) -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"))) {
      HttpTransport transport = closedAfterTheTest(createTransport(TransportOptions.DEFAULTS.withTls(tls)));

      for (Mode mode : Mode.values()) {
        TransportFailure failure = catchThrowableOfType(TransportFailure.class,
            () -> mode.exchange(transport, request(server.baseUri())));

        assertThat(failure.kind()).as("through " + mode).isEqualTo(TransportFailure.Kind.TLS);
      }
      assertThat(server.requests()).as("requests that reached the server").isZero();
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aServerThatClosesDuringTheHandshakeFailsAsTls(Mode mode) throws IOException {
    try (ScriptedServer server = ScriptedServer.breakingTlsHandshakes()) {
      TransportFailure failure = catchThrowableOfType(TransportFailure.class,
          () -> mode.exchange(transport(), request(server.baseUri())));

      assertThat(failure.kind()).as("%s", failure).isEqualTo(TransportFailure.Kind.TLS);
      assertThat(server.requests()).as("handshakes begun")
          .isEqualTo(resendsAGetWhoseConnectionClosesBeforeTheResponse() ? 2 : 1);
    }
  }

  // ---------------------------------------------------------------- HTTP version

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void http2IsSpokenWhereTheServerAgrees(Mode mode) {
    SERVER.stubFor(get(urlPathEqualTo("/version")).willReturn(aResponse().withStatus(200).withBody("{}")));

    TransportResponse response = mode.exchange(transport(), request(uri("/version")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SERVER.findAll(anyRequestedFor(urlPathEqualTo("/version"))).get(0).getProtocol())
        .isEqualTo(negotiatesHttp2() ? "HTTP/2.0" : "HTTP/1.1");
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void http11IsSpokenWhenPinned(Mode mode) {
    SERVER.stubFor(get(urlPathEqualTo("/pinned")).willReturn(aResponse().withStatus(200).withBody("{}")));
    HttpTransport pinned = closedAfterTheTest(createTransport(TransportOptions.DEFAULTS.withTls(TlsOptions.builder()
        .trustStore(TestCertificates.get().trustStore(), "PKCS12", TestCertificates.PASSWORD)
        .httpVersion(HttpVersionPolicy.HTTP_1_1).build())));

    mode.exchange(pinned, request(uri("/pinned")));

    assertThat(SERVER.findAll(anyRequestedFor(urlPathEqualTo("/pinned"))).get(0).getProtocol())
        .isEqualTo("HTTP/1.1");
  }

  @Test
  void moreExchangesThanTheServersStreamLimitAllComplete() {
    // WireMock's server allows 128 concurrent streams on an HTTP/2 connection, as nginx does by default.
    SERVER.stubFor(get(urlPathEqualTo("/streams")).willReturn(aResponse().withStatus(200).withBody("{}")
        .withFixedDelay(300)));
    HttpTransport transport = transport();
    transport.send(request(uri("/streams")));

    List<CompletableFuture<TransportResponse>> exchanges = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      exchanges.add(transport.sendAsync(request(uri("/streams"))));
    }

    assertThat(CompletableFuture.allOf(exchanges.toArray(CompletableFuture[]::new)))
        .succeedsWithin(Duration.ofSeconds(60));
    SERVER.verify(201, anyRequestedFor(urlPathEqualTo("/streams")));
  }

  // ---------------------------------------------------------------- client certificate and TLS versions

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void theClientCertificateIsPresentedWhenTheServerAsks(Mode mode) throws IOException {
    TestCertificates certificates = TestCertificates.get();
    try (TlsEchoServer server = TlsEchoServer.start(true, "TLSv1.3", "TLSv1.2")) {
      HttpTransport transport = closedAfterTheTest(createTransport(TransportOptions.DEFAULTS.withTls(
          TlsOptions.builder().trustStore(certificates.trustStore(), "PKCS12", TestCertificates.PASSWORD)
              .keyStore(certificates.clientKeyStore(), "PKCS12", TestCertificates.PASSWORD).build())));

      TransportResponse response = mode.exchange(transport, request(server.baseUri()));

      assertThat(body(response)).contains("client=CN=priokit-test-client");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void anSslContextGivenIsUsedAsItIs(Mode mode) throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(true, "TLSv1.3", "TLSv1.2")) {
      HttpTransport transport = closedAfterTheTest(createTransport(TransportOptions.DEFAULTS.withTls(
          TlsOptions.builder().sslContext(TestCertificates.get().clientContext()).build())));

      TransportResponse response = mode.exchange(transport, request(server.baseUri()));

      assertThat(body(response)).contains("client=CN=priokit-test-client");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void theHandshakeUsesOnlyTheProtocolsAllowed(Mode mode) throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3", "TLSv1.2")) {
      HttpTransport byDefault = transport();
      HttpTransport onlyTls12 = closedAfterTheTest(createTransport(TransportOptions.DEFAULTS.withTls(
          TlsOptions.builder().sslContext(trustingTestCa().sslContext()).protocols("TLSv1.2").build())));

      assertThat(body(mode.exchange(byDefault, request(server.baseUri())))).startsWith("protocol=TLSv1.3;");
      assertThat(body(mode.exchange(onlyTls12, request(server.baseUri())))).startsWith("protocol=TLSv1.2;");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("modes")
  void aServerWithNoProtocolAllowedFailsAsTls(Mode mode) throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3")) {
      HttpTransport onlyTls12 = closedAfterTheTest(createTransport(TransportOptions.DEFAULTS.withTls(
          TlsOptions.builder().sslContext(trustingTestCa().sslContext()).protocols("TLSv1.2").build())));

      TransportFailure failure = catchThrowableOfType(TransportFailure.class,
          () -> mode.exchange(onlyTls12, request(server.baseUri())));

      assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.TLS);
    }
  }

  private static String body(TransportResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
