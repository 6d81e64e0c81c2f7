package io.priokit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.error.ConfigurationException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentTest {

  @Test
  void documentedEnvironmentsHaveTheDocumentedBaseUris() {
    assertThat(Environment.PRODUCTION.baseUri())
        .isEqualTo(URI.create("https://distributor-api.prioticket.com/v3.8/distributor"));
    assertThat(Environment.SANDBOX.baseUri())
        .isEqualTo(URI.create("https://sandbox-distributor-api.prioticket.com/v3.8/distributor"));
    assertThat(Environment.STAGING.baseUri())
        .isEqualTo(URI.create("https://staging-distributor-api.prioticket.com/v3.8/distributor"));
    assertThat(Environment.INTERNAL.baseUri())
        .isEqualTo(URI.create("https://internal-distributor-api.prioticket.com/v3.8/distributor"));
  }

  @Test
  void namedFindsADocumentedEnvironmentIgnoringCase() {
    assertThat(Environment.named(" Sandbox ")).isSameAs(Environment.SANDBOX);
    assertThat(Environment.named("PRODUCTION").isDocumented()).isTrue();
  }

  @Test
  void unknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> Environment.named("prod"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("production, sandbox, staging or internal");
  }

  @Test
  void customBaseUriDropsATrailingSlashAndResolvesPaths() {
    Environment local = Environment.custom("http://localhost:8080/v3.8/distributor/");

    assertThat(local.isDocumented()).isFalse();
    assertThat(local.resolve("/system/ping")).isEqualTo(URI.create("http://localhost:8080/v3.8/distributor/system/ping"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:8080", "/v3.8/distributor", "ftp://host/x", "https://host/x?debug=1",
      "https://user:pw@host/x", "https://host/x#frag", "not a uri"})
  void unusableBaseUriIsAConfigurationError(String text) {
    assertThatThrownBy(() -> Environment.custom(text)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Base URI");
  }
}
