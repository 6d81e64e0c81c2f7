package io.priokit.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.error.ConfigurationException;
import io.priokit.net.ProxyOptions;
import io.priokit.spi.TransportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JVM-wide properties that would keep the JDK client from honouring the options: the transport
 * refuses to start, saying what to set, and changes none of them itself. Each case sets a property
 * for its own duration; the transport reads it when created, as the JDK reads it when first used.
 */
class JdkNetPropertiesTest {

  private static final ProxyOptions PROXY_WITH_CREDENTIALS =
      ProxyOptions.http("proxy.corp.example", 3128).credentials("svc-prio", "pw-Not-Shown-1").build();

  @Test
  void basicProxyCredentialsNeedTunnelsToAllowBasic() {
    String before = System.getProperty(JdkNetProperties.TUNNELING_DISABLED_SCHEMES);
    System.setProperty(JdkNetProperties.TUNNELING_DISABLED_SCHEMES, "Basic");
    try {
      assertThatThrownBy(() -> JdkHttpTransport.create(TransportOptions.DEFAULTS.withProxy(PROXY_WITH_CREDENTIALS)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("proxy.corp.example:3128")
          .hasMessageContaining("-Djdk.http.auth.tunneling.disabledSchemes=")
          .hasMessageContaining("apache or vertx transport")
          .hasMessageNotContaining("pw-Not-Shown-1");
      assertThat(System.getProperty(JdkNetProperties.TUNNELING_DISABLED_SCHEMES)).as("left as it was")
          .isEqualTo("Basic");
      assertThatCode(() -> JdkHttpTransport.create(TransportOptions.DEFAULTS.withProxy(
          ProxyOptions.http("proxy.corp.example", 3128).build())).close())
          .as("a proxy without credentials needs no such setting").doesNotThrowAnyException();
    } finally {
      restore(JdkNetProperties.TUNNELING_DISABLED_SCHEMES, before);
    }
  }

  @Test
  void hostNameVerificationSwitchedOffForTheJvmIsRefused() {
    String before = System.getProperty(JdkNetProperties.HOSTNAME_VERIFICATION_OFF);
    System.setProperty(JdkNetProperties.HOSTNAME_VERIFICATION_OFF, "true");
    try {
      assertThatThrownBy(() -> JdkHttpTransport.create(TransportOptions.DEFAULTS))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("Host name verification is off")
          .hasMessageContaining(JdkNetProperties.HOSTNAME_VERIFICATION_OFF);
    } finally {
      restore(JdkNetProperties.HOSTNAME_VERIFICATION_OFF, before);
    }
  }

  @ParameterizedTest(name = "''{0}'' bars Basic: {1}")
  @CsvSource(value = {"Basic, true", "' basic , Digest', true", "Digest, false", "'', false", "NULL, false"},
      nullValues = "NULL")
  void theDisabledSchemesAreReadAsTheJdkReadsThem(String schemes, boolean barsBasic) {
    assertThat(JdkNetProperties.disablesBasicInTunnels(schemes)).isEqualTo(barsBasic);
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
