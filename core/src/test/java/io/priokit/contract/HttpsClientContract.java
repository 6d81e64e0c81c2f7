package io.priokit.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.priokit.PriokitClient;
import io.priokit.error.TransportException;
import io.priokit.net.HttpVersionPolicy;
import io.priokit.net.TlsOptions;
import io.priokit.system.HealthResponse;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole client over TLS: every case of {@link ClientContract} again over HTTPS (HTTP/2 with the
 * WireMock API where the transport and server agree, HTTP/1.1 with the scripted servers), and the
 * TLS failures a caller meets, each typed and failing at once, without a retry.
 */
public abstract class HttpsClientContract extends ClientContract {

  @Override
  protected Wire wire() {
    return Wire.TLS;
  }

  /** Whether the transport offers HTTP/2 over TLS by default. */
  protected boolean negotiatesHttp2() {
    return true;
  }

  /**
   * Two thousand: over TLS each call costs twice its plaintext time, and two thousand calls still
   * break a hundred connections, each opened again with a TLS handshake.
   */
  @Override
  protected int soakCalls() {
    return 2_000;
  }

  /**
   * Over HTTP/1.1: the soak's faults break connections, and one broken HTTP/2 connection fails every
   * call multiplexed on it, dozens for one fault. Over HTTP/1.1 a fault costs one call, and each opens
   * a TLS connection afresh.
   */
  @Override
  protected PriokitClient.Builder soakConnections(PriokitClient.Builder builder) {
    return builder.tls(TlsOptions.builder().sslContext(TestCertificates.get().trustingTestCa().sslContext())
        .httpVersion(HttpVersionPolicy.HTTP_1_1).build());
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void aServerWhoseCertificateIsNotTrustedFailsAtOnceAsTls(Facade facade) {
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(200).withBody("{}")));
    PriokitClient jvmTrustOnly = closedAfterTheTest(PriokitClient.builder().baseUri(apiBase())
        .transport(transportFactory()).retryPolicy(QUICK_RETRIES).build());

    TransportException error = catchThrowableOfType(TransportException.class, () -> facade.status(jvmTrustOnly));

    assertFailedAtOnceAsTls(error);
    API.verify(0, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void aCertificateForAnotherHostFailsAtOnceAsTls(Facade facade) throws IOException {
    try (ScriptedServer server = ScriptedServer.startTls(TestCertificates.get().wrongNameServerContext(),
        (in, out) -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"))) {
      TransportException error = catchThrowableOfType(TransportException.class,
          () -> facade.status(client(server.baseUri(), builder -> { })));

      assertFailedAtOnceAsTls(error);
      assertThat(server.requests()).as("requests that reached the server").isZero();
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void aServerThatClosesDuringTheHandshakeFailsAtOnceAsTls(Facade facade) throws IOException {
    try (ScriptedServer server = ScriptedServer.breakingTlsHandshakes()) {
      TransportException error = catchThrowableOfType(TransportException.class,
          () -> facade.status(client(server.baseUri(), builder -> { })));

      assertFailedAtOnceAsTls(error);
    }
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void tokenAndCallsGoOverHttp2WhereTheServerAgrees(Facade facade) {
    tokensInTurn(1);
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(200).withBody("{}")));

    HealthResponse status = facade.status(client(builder -> builder.credentials("wire-client", CLIENT_SECRET)));

    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(protocolsSeen()).hasSize(2).containsOnly(negotiatesHttp2() ? "HTTP/2.0" : "HTTP/1.1");
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facadeStream")
  void callsGoOverHttp11WhenPinned(Facade facade) {
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(200).withBody("{}")));
    TlsOptions pinned = TlsOptions.builder().sslContext(TestCertificates.get().trustingTestCa().sslContext())
        .httpVersion(HttpVersionPolicy.HTTP_1_1).build();

    facade.status(client(builder -> builder.tls(pinned)));

    assertThat(protocolsSeen()).containsExactly("HTTP/1.1");
  }

  private static List<String> protocolsSeen() {
    return API.findAll(anyRequestedFor(anyUrl())).stream().map(LoggedRequest::getProtocol).toList();
  }

  private static void assertFailedAtOnceAsTls(TransportException error) {
    assertThat(error.reason()).as("%s", error).isEqualTo(TransportException.Reason.TLS_FAILED);
    assertThat(error.attempts()).isEqualTo(1);
    assertThat(error.isRetryable()).isFalse();
    assertThat(error.getMessage()).startsWith("TLS failed");
  }
}
