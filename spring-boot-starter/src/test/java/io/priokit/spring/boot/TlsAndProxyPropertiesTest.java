package io.priokit.spring.boot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.priokit.PriokitClient;
import io.priokit.contract.TestCertificates;
import io.priokit.contract.TinyProxy;
import io.priokit.contract.TlsEchoServer;
import io.priokit.contract.Wire;
import io.priokit.error.ConfigurationException;
import io.priokit.error.TransportException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code priokit.tls.*} and {@code priokit.proxy.*} reach the client: against HTTPS servers on
 * loopback whose certificates the test CA signed, and through a real proxy (tinyproxy).
 */
class TlsAndProxyPropertiesTest {

  private static final String PROXY_USER = "svc-prio";
  private static final String PROXY_PASSWORD = "Px-s3cret-Boot-77";

  private final TestCertificates certificates = TestCertificates.get();
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PriokitAutoConfiguration.class))
      .withPropertyValues("priokit.retry.max-attempts=1");

  private ApplicationContextRunner against(TlsEchoServer server, String... properties) {
    return runner.withPropertyValues("priokit.environment=" + server.baseUri()).withPropertyValues(properties);
  }

  private String[] trustingTheTestCa() {
    return new String[] {"priokit.tls.trust-store.location=" + certificates.trustStore(),
        "priokit.tls.trust-store.password=" + TestCertificates.PASSWORD};
  }

  @Test
  void withTheTrustStoreOfTheServersCaTheApiIsUp() throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3", "TLSv1.2")) {
      against(server, trustingTheTestCa()).run(context -> {
        Health health = context.getBean(HealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("httpStatus", 200L);
      });
    }
  }

  @Test
  void withoutThatTrustStoreTheCallFailsAsTlsAndTheApiIsDown() throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3", "TLSv1.2")) {
      against(server).run(context -> {
        assertFailsAsTls(context);
        Health health = context.getBean(HealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("errorType", "TransportException");
      });
    }
  }

  @Test
  void aTrustStoreWithoutTheServersCaFailsAsTls() throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3", "TLSv1.2")) {
      // The client's own certificate, which the test CA signed, but not the CA itself.
      against(server, "priokit.tls.trust-store.location=" + certificates.clientKeyStore(),
          "priokit.tls.trust-store.password=" + TestCertificates.PASSWORD).run(this::assertFailsAsTls);
    }
  }

  @Test
  void aTrustStoreThatCannotBeReadFailsTheStartNamingThePropertyButNotThePassword() throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3")) {
      against(server, "priokit.tls.trust-store.location=" + certificates.trustStore(),
          "priokit.tls.trust-store.password=Wrong-Pw-4711").run(context ->
          assertThat(startFailure(context)).hasMessageContaining("priokit.tls.trust-store")
              .hasMessageNotContaining("Wrong-Pw-4711"));
      against(server, "priokit.tls.trust-store.location=/nowhere/trust.p12").run(context ->
          assertThat(startFailure(context)).hasMessageContaining("priokit.tls.trust-store")
              .hasMessageContaining("does not exist"));
      against(server, "priokit.tls.trust-store.password=" + TestCertificates.PASSWORD).run(context ->
          assertThat(startFailure(context)).hasMessageContaining("priokit.tls.trust-store.location is not"));
    }
  }

  @Test
  void theKeyStoreIsPresentedWhenTheServerAsksForAClientCertificate() throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(true, "TLSv1.3", "TLSv1.2")) {
      against(server, trustingTheTestCa()).withPropertyValues(
          "priokit.tls.key-store.location=" + certificates.clientKeyStore(), "priokit.tls.key-store.type=PKCS12",
          "priokit.tls.key-store.password=" + TestCertificates.PASSWORD).run(context ->
          assertThat(context.getBean(PriokitClient.class).status().body().text())
              .contains("client=CN=priokit-test-client"));
      against(server, "priokit.tls.key-store.location=" + certificates.clientKeyStore()).run(context ->
          assertThat(startFailure(context)).hasMessageContaining("priokit.tls.key-store.password is not set"));
    }
  }

  @Test
  void theProtocolsLimitTheTlsVersions() throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3", "TLSv1.2")) {
      against(server, trustingTheTestCa()).withPropertyValues("priokit.tls.protocols=TLSv1.2").run(context ->
          assertThat(context.getBean(PriokitClient.class).status().body().text()).startsWith("protocol=TLSv1.2;"));
      against(server, trustingTheTestCa()).withPropertyValues("priokit.tls.protocols=TLSv1.1").run(context ->
          assertThat(startFailure(context)).hasMessageContaining("priokit.tls.protocols")
              .hasMessageContaining("TLSv1.1"));
    }
    try (TlsEchoServer onlyTls13 = TlsEchoServer.start(false, "TLSv1.3")) {
      against(onlyTls13, trustingTheTestCa()).withPropertyValues("priokit.tls.protocols=TLSv1.2")
          .run(this::assertFailsAsTls);
    }
  }

  @Test
  void theHttpVersionPinsHttp11() {
    WireMockServer api = new WireMockServer(Wire.wireMockConfig());
    api.start();
    try {
      api.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
      ApplicationContextRunner https = runner.withPropertyValues(trustingTheTestCa()).withPropertyValues(
          "priokit.environment=https://127.0.0.1:" + api.httpsPort() + "/v3.8/distributor");

      https.run(context -> context.getBean(PriokitClient.class).status());
      https.withPropertyValues("priokit.tls.http-version=http-1-1")
          .run(context -> context.getBean(PriokitClient.class).status());

      assertThat(api.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getProtocol)
          .containsExactly("HTTP/2.0", "HTTP/1.1");
    } finally {
      api.stop();
    }
  }

  @Test
  void callsGoThroughTheProxyWithItsCredentials() throws IOException {
    try (TinyProxy proxy = TinyProxy.start(PROXY_USER, PROXY_PASSWORD);
        TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3", "TLSv1.2")) {
      throughProxy(proxy, server, "priokit.proxy.username=" + PROXY_USER, "priokit.proxy.password=" + PROXY_PASSWORD)
          .run(context -> assertThat(context.getBean(PriokitClient.class).status().statusCode()).isEqualTo(200));

      assertThat(proxy.tunnelsRequestedTo("127.0.0.1", server.baseUri().getPort())).isEqualTo(1);
    }
  }

  @Test
  void aProxyRefusingTheCredentialsFailsTypedWithoutThePassword() throws IOException {
    try (TinyProxy proxy = TinyProxy.start(PROXY_USER, PROXY_PASSWORD);
        TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3", "TLSv1.2")) {
      throughProxy(proxy, server, "priokit.proxy.username=" + PROXY_USER,
          "priokit.proxy.password=Not-" + PROXY_PASSWORD).run(context -> {
            TransportException error = catchThrowableOfType(TransportException.class,
                context.getBean(PriokitClient.class)::status);
            assertThat(error.reason()).isEqualTo(TransportException.Reason.PROXY_AUTHENTICATION_FAILED);
            assertThat(error).hasMessageNotContaining(PROXY_PASSWORD);
          });
    }
  }

  @Test
  void noProxyHostsAreReachedDirectly() throws IOException {
    try (TinyProxy proxy = TinyProxy.start();
        TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3", "TLSv1.2")) {
      throughProxy(proxy, server, "priokit.proxy.no-proxy=localhost,127.0.0.1").run(context ->
          assertThat(context.getBean(PriokitClient.class).status().statusCode()).isEqualTo(200));

      assertThat(proxy.tunnelsRequestedTo("127.0.0.1", server.baseUri().getPort())).isZero();
    }
  }

  @Test
  void theJvmsProxyPropertiesOnlyWhenAsked() throws IOException {
    try (TinyProxy proxy = TinyProxy.start();
        TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3", "TLSv1.2")) {
      int port = server.baseUri().getPort();
      ApplicationContextRunner withJvmProxy = against(server, trustingTheTestCa())
          .withSystemProperties("https.proxyHost=127.0.0.1", "https.proxyPort=" + proxy.port());

      withJvmProxy.run(context -> context.getBean(PriokitClient.class).status());
      assertThat(proxy.tunnelsRequestedTo("127.0.0.1", port)).as("without use-system-properties").isZero();

      withJvmProxy.withPropertyValues("priokit.proxy.use-system-properties=true")
          .run(context -> context.getBean(PriokitClient.class).status());
      assertThat(proxy.tunnelsRequestedTo("127.0.0.1", port)).isEqualTo(1);
    }
  }

  @Test
  void proxyPropertiesThatMakeNoProxyFailTheStartNamingWhatToSet() throws IOException {
    try (TlsEchoServer server = TlsEchoServer.start(false, "TLSv1.3")) {
      List.of(
          List.of("priokit.proxy.host=proxy.example", "priokit.proxy.port"),
          List.of("priokit.proxy.host=http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@proxy.example:3128",
              "priokit.proxy.port is not set"),
          List.of("priokit.proxy.host=" + PROXY_USER + ":" + PROXY_PASSWORD + "@proxy.example,priokit.proxy.port=3128",
              "without a scheme, user, password"),
          List.of("priokit.proxy.port=3128", "priokit.proxy.port is set but priokit.proxy.host is not"),
          List.of("priokit.proxy.password=" + PROXY_PASSWORD, "priokit.proxy.password is set but"),
          List.of("priokit.proxy.host=proxy.example,priokit.proxy.port=3128,priokit.proxy.username=" + PROXY_USER,
              "priokit.proxy.username and priokit.proxy.password go together"),
          List.of("priokit.proxy.host=proxy.example,priokit.proxy.port=3128,priokit.proxy.use-system-properties=true",
              "leave priokit.proxy.host"))
          .forEach(mistake -> against(server, mistake.get(0).split(",")).run(context ->
              assertThat(startFailure(context)).hasMessageContaining(mistake.get(1))
                  .hasMessageNotContaining(PROXY_PASSWORD)));
    }
  }

  /** A client of the server, trusting its CA, through the proxy, with more properties. */
  private ApplicationContextRunner throughProxy(TinyProxy proxy, TlsEchoServer server, String... properties) {
    return against(server, trustingTheTestCa())
        .withPropertyValues("priokit.proxy.host=127.0.0.1", "priokit.proxy.port=" + proxy.port())
        .withPropertyValues(properties);
  }

  /** The outermost {@link ConfigurationException} that failed the context's start. */
  private static ConfigurationException startFailure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigurationException refused) {
        return refused;
      }
    }
    throw new AssertionError("the start failed, but not with a ConfigurationException", context.getStartupFailure());
  }

  private void assertFailsAsTls(AssertableApplicationContext context) {
    TransportException error = catchThrowableOfType(TransportException.class,
        context.getBean(PriokitClient.class)::status);
    assertThat(error.reason()).as("%s", error).isEqualTo(TransportException.Reason.TLS_FAILED);
  }
}
