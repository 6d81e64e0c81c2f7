package io.priokit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.priokit.error.ConfigurationException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.error.TransportException;
import io.priokit.net.HttpVersionPolicy;
import io.priokit.net.ProxyOptions;
import io.priokit.net.TlsOptions;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.HttpTransportFactory;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.testkit.ScriptedTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client builder's TLS and proxy options: where they go, and what the pipeline makes of a proxy. */
class ConnectionOptionsTest {

  private static final String STATUS = "/system/status";
  private static final String PROXY_PASSWORD = "pr0xy-Pass-7c7c";

  private final ScriptedTransport api = new ScriptedTransport();
  private final AtomicReference<TransportOptions> given = new AtomicReference<>();
  private final HttpTransportFactory factory = new HttpTransportFactory() {
    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public HttpTransport create(TransportOptions options) {
      given.set(options);
      return api;
    }
  };

  private static ProxyOptions proxy() {
    return ProxyOptions.http("proxy.corp.example", 3128).credentials("svc-prio", PROXY_PASSWORD).build();
  }

  @Test
  void theTransportTheClientCreatesGetsTheTlsAndProxyOptions() {
    TlsOptions tls = TlsOptions.builder().protocols("TLSv1.3").httpVersion(HttpVersionPolicy.HTTP_1_1).build();

    PriokitClient.builder().environment(Environment.SANDBOX).transport(factory).tls(tls).proxy(proxy()).build()
        .close();

    assertThat(given.get().tls()).isSameAs(tls);
    assertThat(given.get().proxy()).isEqualTo(proxy());
  }

  @Test
  void byDefaultTheTransportConnectsDirectlyWithTheJvmsTrust() {
    PriokitClient.builder().environment(Environment.SANDBOX).transport(factory).build().close();

    assertThat(given.get().proxy().isDirect()).isTrue();
    assertThat(given.get().tls()).isSameAs(TlsOptions.defaults());
  }

  @Test
  void tlsOrProxyOptionsBesideATransportInstanceAreRefused() {
    assertThatThrownBy(() -> PriokitClient.builder().environment(Environment.SANDBOX).transport(api)
            .proxy(proxy()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("TLS and proxy options apply to a transport the client creates")
        .hasMessageNotContaining(PROXY_PASSWORD);
    assertThatThrownBy(() -> PriokitClient.builder().environment(Environment.SANDBOX)
            .tls(TlsOptions.defaults()).transport(api).build())
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void aProxyRefusingItsCredentialsFailsAtOnceNamingTheProxyButNotThePassword() {
    api.always(STATUS, request -> CompletableFuture.failedFuture(TransportFailure.proxyRefused(proxy(), 407)));

    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(factory)
        .proxy(proxy()).build()) {
      TransportException error = catchThrowableOfType(TransportException.class, client::status);

      assertThat(error.reason()).isEqualTo(TransportException.Reason.PROXY_AUTHENTICATION_FAILED);
      assertThat(error.isRetryable()).isFalse();
      assertThat(error.attempts()).isEqualTo(1);
      assertThat(error.getMessage()).startsWith("Proxy authentication failed")
          .contains("proxy.corp.example:3128", "svc-prio", "407").doesNotContain(PROXY_PASSWORD);
    }
    assertThat(api.requests(STATUS)).hasSize(1);
  }

  @Test
  void aProxyRefusingTheTunnelForAnotherReasonIsAConnectFailureAndRetried() {
    api.always(STATUS, request -> CompletableFuture.failedFuture(TransportFailure.proxyRefused(proxy(), 502)));

    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(factory)
        .proxy(proxy()).retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2))).build()) {
      TransportException error = catchThrowableOfType(TransportException.class, client::status);

      assertThat(error.reason()).isEqualTo(TransportException.Reason.CONNECT_FAILED);
      assertThat(error.getMessage()).contains("proxy proxy.corp.example:3128 refused to open a tunnel (status 502)");
      assertThat(error.isRetryable()).isTrue();
    }
  }

  @Test
  void anEchoOfTheProxyPasswordIsHidden() {
    String basic = Base64.getEncoder().encodeToString(("svc-prio:" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
    api.always(STATUS, ScriptedTransport.respond(503, "{\"error\":\"UNAVAILABLE\",\"error_description\":\"saw "
        + PROXY_PASSWORD + " and Basic " + basic + "\"}", "Content-Type", "application/json"));

    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(factory)
        .proxy(proxy()).retryPolicy(RetryPolicy.none()).build()) {
      ServiceUnavailableException error = catchThrowableOfType(ServiceUnavailableException.class, client::status);

      assertThat(error.getMessage()).contains("saw **** and Basic ****").doesNotContain(PROXY_PASSWORD, basic);
      assertThat(error.bodyExcerpt()).doesNotContain(PROXY_PASSWORD, basic);
    }
  }
}
