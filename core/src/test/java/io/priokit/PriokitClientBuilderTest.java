package io.priokit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.error.ConfigurationException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.testkit.ScriptedTransport;
import io.priokit.testkit.VirtualTime;
import java.util.concurrent.CompletableFuture;
import io.priokit.spi.HttpTransportFactory;
import io.priokit.spi.TransportOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriokitClientBuilderTest {

  private final FakeTransport transport = new FakeTransport();

  @Test
  void plaintextToARemoteHostIsRefused() {
    assertThatThrownBy(() -> PriokitClient.builder().baseUri("http://api.example.com/v3.8/distributor")
            .transport(transport).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Plaintext HTTP to api.example.com is refused")
        .hasMessageContaining("allowPlaintext(true)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/x", "http://127.0.0.1:1/x", "http://127.3.4.5/x",
      "http://[::1]:8080/x", "http://api.localhost/x"})
  void plaintextToLoopbackIsAllowed(String baseUri) {
    assertThatCode(() -> PriokitClient.builder().baseUri(baseUri).transport(transport).build().close())
        .doesNotThrowAnyException();
  }

  @Test
  void plaintextToARemoteHostIsAllowedWhenAskedFor() {
    try (PriokitClient client = PriokitClient.builder().baseUri("http://proxy.internal:8080/v3.8/distributor")
        .allowPlaintext(true).transport(transport).build()) {
      client.ping();
    }

    assertThat(transport.requests).singleElement()
        .satisfies(request -> assertThat(request.uri()).hasToString("http://proxy.internal:8080/v3.8/distributor/system/ping"));
  }

  @Test
  void missingEnvironmentSaysHowToChooseOne() {
    assertThatThrownBy(() -> PriokitClient.builder().transport(transport).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("environment(Environment.SANDBOX)");
  }

  @Test
  void headersOutsideTheAppPrefixAreRefused() {
    PriokitClient.Builder builder = PriokitClient.builder();

    assertThatThrownBy(() -> builder.appHeader("X-Custom", "1")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'App-'");
    assertThatThrownBy(() -> builder.appHeader("App-Reference", "1")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("appReferences");
    assertThatThrownBy(() -> builder.appHeader("App-Platform", "line\r\nbreak"))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> PriokitClient.builder().callTimeout(Duration.ZERO))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("callTimeout");
    assertThatThrownBy(() -> PriokitClient.builder().connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("connectTimeout");
  }

  @Test
  void requestsIdentifyPriokitByDefault() {
    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(transport).build()) {
      client.ping();
    }

    assertThat(transport.requests.get(0).headers())
        .containsEntry("App-Name", "priokit")
        .containsEntry("App-Version", io.priokit.internal.PriokitVersion.get())
        .containsEntry("Accept", "application/json")
        .containsEntry("Accept-Encoding", "gzip");
    assertThat(io.priokit.internal.PriokitVersion.get()).isNotEqualTo("unknown").matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void durationsLongerThanADayAreRefused() {
    assertThatThrownBy(() -> PriokitClient.builder().deadline(Duration.ofMillis(Long.MAX_VALUE)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("at most a day");
  }

  @Test
  void aBaseUriWithCredentialsIsRefusedWithoutRepeatingThem() {
    assertThatThrownBy(() -> PriokitClient.builder().baseUri("https://user:pa55word@host/v3.8/distributor"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("user info").hasMessageNotContaining("pa55word");
  }

  @Test
  void aFailingAppReferenceSupplierIsReplacedByARandomReference() {
    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(transport)
        .appReferences(() -> {
          throw new IllegalStateException("no trace id here");
        }).build()) {
      assertThat(client.status().appReference()).matches("[0-9a-f-]{36}");
    }
  }

  @Test
  void callTimeoutDefaultsToTheDocumentedSixtySeconds() {
    VirtualTime time = new VirtualTime();
    ScriptedTransport api = new ScriptedTransport().then("/system/ping", ScriptedTransport.hang());
    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(api)
        .timeSource(time).retryPolicy(RetryPolicy.none()).build()) {
      CompletableFuture<?> call = client.async().ping();

      time.advance(Duration.ofSeconds(59));
      assertThat(call).isNotDone();
      time.advance(Duration.ofSeconds(1));

      assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
          .isInstanceOfSatisfying(PriokitTimeoutException.class, error -> {
            assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.ATTEMPT);
            assertThat(error.timeout()).isEqualTo(Duration.ofSeconds(60));
          });
      assertThat(api.exchanges().get(0)).isCancelled();
    }
  }

  @Test
  void aTransportPassedAsAnInstanceIsLeftToTheCaller() {
    PriokitClient.builder().environment(Environment.SANDBOX).transport(transport).build().close();

    assertThat(transport.closed).isFalse();
  }

  @Test
  void aTransportCreatedFromAFactoryGetsTheBuilderOptionsAndIsClosedWithTheClient() {
    AtomicReference<TransportOptions> given = new AtomicReference<>();
    HttpTransportFactory factory = new HttpTransportFactory() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public FakeTransport create(TransportOptions options) {
        given.set(options);
        return transport;
      }
    };

    PriokitClient.builder().environment(Environment.SANDBOX).transport(factory)
        .connectTimeout(Duration.ofSeconds(3)).maxConnections(7).build().close();

    assertThat(given.get()).isEqualTo(new TransportOptions(Duration.ofSeconds(3), 7, Duration.ofSeconds(60)));
    assertThat(transport.closed).isTrue();
  }

  @Test
  void blockingCallRefusedByTheTransportIsAConfigurationErrorWithItsReason() {
    transport.refusal = "blocking call on an event loop; use async()";
    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(transport).build()) {
      assertThatThrownBy(client::status).isInstanceOf(ConfigurationException.class)
          .hasMessage("blocking call on an event loop; use async()");
      assertThat(transport.requests).isEmpty();
    }
  }

  @Test
  void appReferencesCanComeFromTheCaller() {
    try (PriokitClient client = PriokitClient.builder().environment(Environment.SANDBOX).transport(transport)
        .appReferences(() -> "order-42").build()) {
      assertThat(client.status().appReference()).isEqualTo("order-42");
    }

    assertThat(transport.requests.get(0).headers()).containsEntry("App-Reference", "order-42");
  }
}
