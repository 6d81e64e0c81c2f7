package io.priokit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyOptionsTest {

  private static final String PASSWORD = "pr0xy-Pass-7c7c";

  @Test
  void directBypassesEveryHost() {
    assertThat(ProxyOptions.direct().isDirect()).isTrue();
    assertThat(ProxyOptions.direct().bypasses("distributor-api.prioticket.com")).isTrue();
    assertThat(ProxyOptions.direct()).hasToString("ProxyOptions[direct]");
    assertThatThrownBy(() -> ProxyOptions.direct().host()).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "{0} with no-proxy {1}: direct {2}")
  @CsvSource({
      "distributor-api.prioticket.com, localhost, false",
      "localhost, localhost, true",
      "LocalHost, localhost, true",
      "api.corp.example, *.corp.example, true",
      "api.corp.example, .corp.example, true",
      "corp.example, *.corp.example, false",
      "notcorp.example, .corp.example, false",
      "192.168.4.7, 192.168.*, true",
      "192.169.4.7, 192.168.*, false",
      "::1, [::1], true",
      "[::1], ::1, true",
      "anything.example, *, true",
      "127.0.0.1, localhost, false"})
  void noProxyEntriesMatchAsDocumented(String host, String entry, boolean direct) {
    ProxyOptions proxy = ProxyOptions.http("proxy.corp.example", 3128).noProxy(entry).build();

    assertThat(proxy.bypasses(host)).isEqualTo(direct);
  }

  @Test
  void credentialsAreSentAsBasicAndNeverShown() {
    ProxyOptions proxy = ProxyOptions.http("Proxy.Corp.Example", 3128).credentials("svc-prio", PASSWORD)
        .noProxy("localhost").build();

    assertThat(proxy.host()).isEqualTo("proxy.corp.example");
    assertThat(proxy.address()).isEqualTo("proxy.corp.example:3128");
    assertThat(proxy.proxyAuthorization()).hasValue("Basic " + Base64.getEncoder()
        .encodeToString(("svc-prio:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    assertThat(proxy.toString()).contains("proxy.corp.example:3128", "svc-prio", "password=****", "localhost")
        .doesNotContain(PASSWORD);
  }

  @Test
  void anIpv6ProxyIsBracketedInItsAddress() {
    assertThat(ProxyOptions.http("[::1]", 8888).build().address()).isEqualTo("[::1]:8888");
  }

  @Test
  void badProxiesAreRefusedWithWhatToFix() {
    assertThatThrownBy(() -> ProxyOptions.http("http://proxy.corp.example", 3128))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("without a scheme");
    assertThatThrownBy(() -> ProxyOptions.http("svc:" + PASSWORD + "@proxy.corp.example", 3128))
        .as("a host written with its user and password").isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("without a scheme, user, password").hasMessageNotContaining(PASSWORD);
    assertThatThrownBy(() -> ProxyOptions.http("proxy.corp.example", 0))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> ProxyOptions.http("proxy", 3128).credentials("a:b", PASSWORD))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("colon").hasMessageNotContaining(PASSWORD);
    assertThatThrownBy(() -> ProxyOptions.http("proxy", 3128).credentials("svc", "line\nbreak" + PASSWORD))
        .isInstanceOf(ConfigurationException.class).hasMessageNotContaining(PASSWORD);
    assertThatThrownBy(() -> ProxyOptions.http("proxy", 3128).noProxy("two words"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("without spaces");
  }

  @Test
  void theJvmsHttpsProxyPropertiesAreReadWhenAsked() {
    Map<String, String> properties = Map.of("https.proxyHost", "proxy.corp.example", "https.proxyPort", "8443",
        "http.nonProxyHosts", "localhost|*.corp.example", "https.proxyUser", "svc-prio",
        "https.proxyPassword", PASSWORD);

    ProxyOptions proxy = ProxyOptions.fromProperties(properties::get);

    assertThat(proxy.address()).isEqualTo("proxy.corp.example:8443");
    assertThat(proxy.noProxyHosts()).containsExactly("localhost", "*.corp.example");
    assertThat(proxy.username()).hasValue("svc-prio");
    assertThat(proxy.password()).hasValue(PASSWORD);
  }

  @Test
  void theJvmsProxyPropertiesDefaultAsTheJdkDoes() {
    assertThat(ProxyOptions.fromProperties(name -> null)).isSameAs(ProxyOptions.direct());
    assertThat(ProxyOptions.fromProperties(Map.of("https.proxyHost", "proxy")::get).port()).isEqualTo(443);
  }

  @Test
  void unusableJvmProxyPropertiesAreRefused() {
    assertThatThrownBy(() -> ProxyOptions.fromProperties(Map.of("https.proxyHost", "proxy",
        "https.proxyPort", "eighty")::get))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("https.proxyPort");
    assertThatThrownBy(() -> ProxyOptions.fromProperties(Map.of("https.proxyHost", "proxy",
        "https.proxyPassword", PASSWORD)::get))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("without https.proxyUser")
        .hasMessageNotContaining(PASSWORD);
  }
}
