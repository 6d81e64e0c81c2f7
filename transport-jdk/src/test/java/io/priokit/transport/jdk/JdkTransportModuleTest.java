package io.priokit.transport.jdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.priokit.PriokitClient;
import io.priokit.PriokitModule;
import io.priokit.error.TransportException;
import io.priokit.system.AsyncSystemHealth;
import io.priokit.system.SystemHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdkTransportModuleTest {

  @RegisterExtension
  static final WireMockExtension API = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void injectorProvidesOneClientBehindBothFacadesOverTheJdkTransport() {
    API.stubFor(get(urlPathEqualTo("/v3.8/distributor/system/status"))
        .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"OK\"}")));
    Injector injector = Guice.createInjector(
        new PriokitModule(builder -> builder.baseUri(API.baseUrl() + "/v3.8/distributor")),
        new JdkTransportModule());
    PriokitClient client = injector.getInstance(PriokitClient.class);

    try (client) {
      assertThat(injector.getInstance(SystemHealth.class)).isSameAs(client);
      assertThat(client.transportName()).isEqualTo("jdk");
      assertThat(injector.getInstance(SystemHealth.class).status().body().string("status")).hasValue("OK");
      assertThat(injector.getInstance(AsyncSystemHealth.class).status().join().statusCode()).isEqualTo(200);
    }

    assertThatThrownBy(client::status).isInstanceOfSatisfying(TransportException.class,
        closed -> assertThat(closed.reason()).isEqualTo(TransportException.Reason.CLIENT_CLOSED));
  }
}
