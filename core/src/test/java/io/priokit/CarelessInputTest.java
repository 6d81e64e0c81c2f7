package io.priokit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.error.ConfigurationException;
import io.priokit.testkit.ScriptedTransport;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever a caller configures, what HTTP cannot carry is refused where it is configured, with a
 * message that says which setting and why, and never quotes a secret.
 */
class CarelessInputTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"line\u2028separator", "Stra\u00dfe", "\u6771\u4eac", "tab at the end\t", "bell\u0007"})
  void anAppHeaderValueHttpCannotCarryIsRefusedSayingWhichHeaderAndWhy(String value) {
    assertThatThrownBy(() -> PriokitClient.builder().appHeader("App-Platform", value))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("App-Platform")
        .hasMessageMatching(".*(character|white space).*");
  }

  @Test
  void aHundredThousandCharacterValueIsRefused() {
    assertThatThrownBy(() -> PriokitClient.builder().appHeader("App-Machine-ID", "x".repeat(100_000)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("App-Machine-ID")
        .hasMessageContaining("100000 characters long");
  }

  @Test
  void aHeaderNameWithALineBreakIsRefusedWithoutBreakingTheMessage() {
    assertThatThrownBy(() -> PriokitClient.builder().appHeader("App-X\r\nInjected: yes", "1"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("\\u000D\\u000A")
        .hasMessageNotContaining("\n");
  }

  @Test
  void headerNamesAreCaseInsensitiveSoOneHeaderGoesOut() {
    ScriptedTransport api = new ScriptedTransport().always("/system/ping", ScriptedTransport.respond(200, ""));
    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(api)
        .appName("first").appHeader("app-name", "second").appHeader("APP-PLATFORM", "linux")
        .appHeader("App-Platform", "darwin").build()) {
      client.ping();
    }

    assertThat(api.requests().get(0).headers().entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase("App-Name") || header.getKey().equalsIgnoreCase("App-Platform"))
        .map(header -> header.getKey().toLowerCase(java.util.Locale.ROOT) + "=" + header.getValue())
        .collect(Collectors.toList()))
        .containsExactlyInAnyOrder("app-name=second", "app-platform=darwin");
  }

  @Test
  void anAppReferenceHttpCannotCarryIsReplacedByARandomOne() {
    ScriptedTransport api = new ScriptedTransport().always("/system/ping", ScriptedTransport.respond(200, ""));
    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(api)
        .appReferences(() -> "order-\u00e9t\u00e9-42").build()) {
      assertThat(client.ping().appReference()).matches("[0-9a-f-]{36}");
    }
  }

  @Test
  void aBackoffThatWouldOverflowIsRefusedAtOnce() {
    assertThatThrownBy(() -> RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofDays(365 * 300L)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("maxBackoff must be at most 24 hours");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"https://api.example.com:99999/v3.8/distributor", "https://api.example.com:0/v3.8/distributor"})
  void aPortOutsideTheRangeIsRefusedAtBuildTime(String baseUri) {
    assertThatThrownBy(() -> Environment.custom(baseUri))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("1 to 65535");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"client:one", "client\r\nX-Injected: 1", "client\tid"})
  void aClientIdBasicAuthorisationCannotCarryIsRefused(String clientId) {
    assertThatThrownBy(() -> ClientCredentials.of(clientId, "s3cr3t"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Client id cannot contain ':' or control characters");
  }

  @Test
  void aSecretWithALineBreakIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> ClientCredentials.of("client-1", "s3cr3t-Value\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageNotContaining("s3cr3t-Value");
  }

  @Test
  void aMissingTransportNameSaysWhatToGive() {
    assertThatThrownBy(() -> PriokitClient.builder().transport((String) null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("jdk, apache or vertx");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"https://user:pa55word@api.example.com:99999999/x", "https://user:pa55word@ho st/x",
      "ftp://user:pa55word@host/x", "https://host/x?key=pa55word", "https://host/x#pa55word"})
  void aBaseUriRefusalNeverQuotesItsPasswordOrQuery(String baseUri) {
    assertThatThrownBy(() -> Environment.custom(baseUri))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(error -> assertThat(error.getMessage()).doesNotContain("pa55word"))
        .satisfies(error -> assertThat(error.getCause()).isNull());
  }
}
