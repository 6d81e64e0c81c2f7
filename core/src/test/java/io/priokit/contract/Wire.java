package io.priokit.contract;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.priokit.PriokitClient;
import io.priokit.spi.TransportOptions;
import java.io.IOException;
import java.net.URI;

/**
 * What the contract cases run over: plaintext HTTP/1.1, or TLS with the test CA's certificates (and
 * HTTP/2 where the WireMock server and the transport agree; the scripted servers offer HTTP/1.1
 * only). A contract class runs each case over its {@link #PLAIN} wire; its HTTPS subclass over
 * {@link #TLS}.
 */
public enum Wire {
  PLAIN, TLS;

  /** A WireMock configuration listening on both wires, on free ports. */
  public static WireMockConfiguration wireMockConfig() {
    TestCertificates certificates = TestCertificates.get();
    return WireMockConfiguration.wireMockConfig().dynamicPort().dynamicHttpsPort()
        .keystorePath(certificates.serverKeyStore().toString()).keystoreType("PKCS12")
        .keystorePassword(TestCertificates.PASSWORD).keyManagerPassword(TestCertificates.PASSWORD);
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return this == PLAIN ? "http" : "https";
  }

  /** The WireMock server's port on this wire. */
  public int port(WireMockExtension server) {
    return this == PLAIN ? server.getPort() : server.getHttpsPort();
  }

  /** The WireMock server's root on this wire, on {@code 127.0.0.1}, with the path appended. */
  public URI uri(WireMockExtension server, String path) {
    return URI.create(scheme() + "://127.0.0.1:" + port(server) + path);
  }

  /** A URI of this wire's scheme on a loopback port. */
  public URI uri(int port, String path) {
    return URI.create(scheme() + "://127.0.0.1:" + port + path);
  }

  /** A scripted server on this wire. */
  public ScriptedServer scripted(ScriptedServer.DuplexScript script) throws IOException {
    return this == PLAIN ? ScriptedServer.startWithInput(script)
        : ScriptedServer.startTls(TestCertificates.get().serverContext(), script);
  }

  /** A scripted server on this wire that ignores what the client sends after the request head. */
  public ScriptedServer scripted(ScriptedServer.Script script) throws IOException {
    return scripted((in, out) -> script.run(out));
  }

  /** A scripted server on this wire that answers according to the request head. */
  public ScriptedServer scriptedWithHead(ScriptedServer.HeadScript script) throws IOException {
    return this == PLAIN ? ScriptedServer.startWithHead(script)
        : ScriptedServer.startTlsWithHead(TestCertificates.get().serverContext(), script);
  }

  /** Transport options that can reach this wire's servers: over TLS, trusting the test CA. */
  public TransportOptions options(TransportOptions options) {
    return this == PLAIN ? options : options.withTls(TestCertificates.get().trustingTestCa());
  }

  /** A client builder that can reach this wire's servers: over TLS, trusting the test CA. */
  public PriokitClient.Builder configure(PriokitClient.Builder builder) {
    return this == PLAIN ? builder : builder.tls(TestCertificates.get().trustingTestCa());
  }
}
