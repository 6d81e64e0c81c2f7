package io.priokit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.priokit.PriokitClient;
import io.priokit.error.ConfigurationException;
import io.priokit.error.InternalServerErrorException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.RequestRejectedException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.micrometer.PriokitMicrometer;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import io.priokit.simulator.junit.PrioticketSimulatorExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each property and each back-off condition of the auto-configuration, against the simulator. */
@ExtendWith(PrioticketSimulatorExtension.class)
class PriokitAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PriokitAutoConfiguration.class));

  private final PrioticketSimulator api;

  PriokitAutoConfigurationTest(PrioticketSimulator api) {
    this.api = api;
  }

  private ApplicationContextRunner against() {
    return runner.withPropertyValues("priokit.environment=" + api.baseUri());
  }

  @Test
  void aDocumentedEnvironmentIsNamed() {
    runner.withPropertyValues("priokit.environment=Sandbox").run(context ->
        assertThat(context.getBean(PriokitClient.class).environment().name()).isEqualTo("sandbox"));
  }

  @Test
  void aBaseUriIsAnEnvironmentAndTheTransportIsTheOneOnTheClassPath() {
    against().run(context -> {
      PriokitClient client = context.getBean(PriokitClient.class);
      assertThat(client.environment().baseUri()).isEqualTo(api.baseUri());
      assertThat(client.transportName()).isEqualTo("jdk");
      assertThat(client.status().statusCode()).isEqualTo(200);
    });
  }

  @Test
  void withoutAnEnvironmentTheApplicationDoesNotStartAndIsToldWhatToSet() {
    runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("set priokit.environment to production"));
  }

  @Test
  void anUnknownEnvironmentNameFailsNamingTheValidOnes() {
    runner.withPropertyValues("priokit.environment=prod").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("sandbox"));
  }

  @Test
  void aTransportThatIsNotOnTheClassPathFailsTheStart() {
    against().withPropertyValues("priokit.transport=apache").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("apache"));
  }

  @Test
  void theNamedTransportIsUsed() {
    against().withPropertyValues("priokit.transport=jdk").run(context ->
        assertThat(context.getBean(PriokitClient.class).transportName()).isEqualTo("jdk"));
  }

  @Test
  void clientCredentialsAndScopeFetchAToken() {
    api.credentials("client-1", "secret-1");
    against().withPropertyValues("priokit.client-id=client-1", "priokit.client-secret=secret-1",
        "priokit.scope=system").run(context -> {
          assertThat(context.getBean(PriokitClient.class).status().statusCode()).isEqualTo(200);
          assertThat(api.requests("/oauth2/token")).singleElement()
              .satisfies(token -> assertThat(token.body()).contains("\"scope\":\"system\""));
          assertThat(api.requests("/system/status")).singleElement()
              .satisfies(status -> assertThat(status.header("Authorization")).hasValueSatisfying(
                  value -> assertThat(value).startsWith("Bearer ")));
        });
  }

  @Test
  void withoutCredentialPropertiesTheHealthCommandsVariablesAreRead() {
    api.credentials("client-2", "secret-2");
    against().withPropertyValues("PRIOTICKET_CLIENT_ID=client-2", "PRIOTICKET_CLIENT_SECRET=secret-2").run(context -> {
      assertThat(context.getBean(PriokitClient.class).status().statusCode()).isEqualTo(200);
      assertThat(api.requestCount("/oauth2/token")).isEqualTo(1);
    });
  }

  @Test
  void aClientIdWithoutASecretFailsTheStart() {
    against().withPropertyValues("priokit.client-id=client-1").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("priokit.client-id (or PRIOTICKET_CLIENT_ID) is set but priokit.client-secret"));
  }

  @Test
  void theCallTimeoutBoundsAnAttempt() {
    api.scenario(Scenario.hang());
    against().withPropertyValues("priokit.call-timeout=300ms", "priokit.retry.max-attempts=1").run(context ->
        assertThatThrownBy(context.getBean(PriokitClient.class)::status).isInstanceOfSatisfying(
            PriokitTimeoutException.class, error -> {
              assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.ATTEMPT);
              assertThat(error.timeout()).isEqualTo(Duration.ofMillis(300));
            }));
  }

  @Test
  void theDeadlineBoundsTheWholeCall() {
    api.scenario(Scenario.hang());
    against().withPropertyValues("priokit.deadline=400ms").run(context ->
        assertThatThrownBy(context.getBean(PriokitClient.class)::status).isInstanceOfSatisfying(
            PriokitTimeoutException.class, error -> assertThat(error.kind())
                .isEqualTo(PriokitTimeoutException.Kind.DEADLINE)));
  }

  @Test
  void theConnectTimeoutBoundsOpeningAConnection() throws IOException {
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = fillBacklog(full);
      try {
        runner.withPropertyValues("priokit.environment=http://127.0.0.1:" + full.getLocalPort() + "/v3.8/distributor",
            "priokit.connect-timeout=300ms", "priokit.retry.max-attempts=1").run(context ->
            assertThatThrownBy(context.getBean(PriokitClient.class)::ping).isInstanceOfSatisfying(
                PriokitTimeoutException.class, error -> {
                  assertThat(error.kind()).isEqualTo(PriokitTimeoutException.Kind.CONNECT);
                  assertThat(error.timeout()).isEqualTo(Duration.ofMillis(300));
                }));
      } finally {
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }

  @Test
  void maxConnectionsAndMaxResponseBytesReachTheBuilder() {
    against().withPropertyValues("priokit.max-connections=0").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("maxConnections"));
    against().withPropertyValues("priokit.max-response-bytes=100").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("maxResponseBytes"));
    against().withPropertyValues("priokit.max-connections=4", "priokit.max-response-bytes=2048").run(context ->
        assertThat(context.getBean(PriokitClient.class).status().statusCode()).isEqualTo(200));
  }

  @Test
  void plaintextBeyondLoopbackNeedsAllowPlaintext() {
    runner.withPropertyValues("priokit.environment=http://prioticket.internal.example/v3.8/distributor").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("allowPlaintext"));
    runner.withPropertyValues("priokit.environment=http://prioticket.internal.example/v3.8/distributor",
        "priokit.allow-plaintext=true").run(context -> assertThat(context).hasSingleBean(PriokitClient.class));
  }

  @Test
  void theAppNameAndVersionAreSent() {
    against().withPropertyValues("priokit.app-name=bookings", "priokit.app-version=4.2.0").run(context -> {
      context.getBean(PriokitClient.class).ping();
      assertThat(api.requests("/system/ping")).singleElement().satisfies(request -> {
        assertThat(request.header("App-Name")).hasValue("bookings");
        assertThat(request.header("App-Version")).hasValue("4.2.0");
      });
    });
  }

  @Test
  void retriesFollowTheRetryProperties() {
    api.scenario(Scenario.failing(500));
    against().withPropertyValues("priokit.retry.max-attempts=2", "priokit.retry.initial-backoff=1ms",
        "priokit.retry.max-backoff=2ms", "priokit.retry.internal-server-error=true").run(context -> {
          assertThatThrownBy(context.getBean(PriokitClient.class)::status)
              .isInstanceOf(InternalServerErrorException.class);
          assertThat(api.requestCount("/system/status")).isEqualTo(2);
        });
  }

  @Test
  void oneAttemptMeansNoRetry() {
    api.scenario(Scenario.failing(503));
    against().withPropertyValues("priokit.retry.max-attempts=1").run(context -> {
      assertThatThrownBy(context.getBean(PriokitClient.class)::status).isInstanceOf(ServiceUnavailableException.class);
      assertThat(api.requestCount("/system/status")).isEqualTo(1);
    });
  }

  @Test
  void theFairUseGuardFollowsItsProperties() {
    api.scenario(Scenario.failing(400));
    against().withPropertyValues("priokit.fair-use.client-errors-per-minute=1").run(context -> {
      PriokitClient client = context.getBean(PriokitClient.class);
      assertThatThrownBy(client::status).isInstanceOf(io.priokit.error.InvalidRequestException.class);
      assertThatThrownBy(client::status).isInstanceOfSatisfying(RequestRejectedException.class,
          error -> assertThat(error.reason()).isEqualTo(RequestRejectedException.Reason.FAIR_USE_GUARD));
    });
    against().withPropertyValues("priokit.fair-use.client-errors-per-minute=1", "priokit.fair-use.enabled=false")
        .run(context -> {
          PriokitClient client = context.getBean(PriokitClient.class);
          assertThatThrownBy(client::status).isInstanceOf(io.priokit.error.InvalidRequestException.class);
          assertThatThrownBy(client::status).isInstanceOf(io.priokit.error.InvalidRequestException.class);
        });
  }

  @Test
  void theRateLimitFollowsItsProperty() {
    against().withPropertyValues("priokit.fair-use.requests-per-minute=1", "priokit.deadline=1s").run(context -> {
      PriokitClient client = context.getBean(PriokitClient.class);
      client.ping();
      assertThatThrownBy(client::ping).isInstanceOfSatisfying(RequestRejectedException.class,
          error -> assertThat(error.reason()).isEqualTo(RequestRejectedException.Reason.RATE_LIMIT));
    });
  }

  @Test
  void theClientIsClosedWithTheContext() {
    PriokitClient[] kept = new PriokitClient[1];
    against().run(context -> kept[0] = context.getBean(PriokitClient.class));

    assertThatThrownBy(kept[0]::ping).isInstanceOfSatisfying(io.priokit.error.TransportException.class,
        error -> assertThat(error.reason()).isEqualTo(io.priokit.error.TransportException.Reason.CLIENT_CLOSED));
  }

  @Test
  void theApplicationsOwnClientWins() {
    against().withBean("mine", PriokitClient.class, () -> PriokitClient.builder().environment(api.environment())
        .appName("mine").build()).run(context -> {
          assertThat(context).hasSingleBean(PriokitClient.class);
          context.getBean(PriokitClient.class).ping();
          assertThat(api.requests("/system/ping").get(0).header("App-Name")).hasValue("mine");
          assertThat(context).hasSingleBean(PrioticketHealthIndicator.class);
        });
  }

  @Test
  void customizersChangeTheBuilderAfterTheProperties() {
    against().withPropertyValues("priokit.app-name=from-properties")
        .withBean(PriokitClientCustomizer.class, () -> builder -> builder.appHeader("App-Platform", "spring"))
        .run(context -> {
          context.getBean(PriokitClient.class).ping();
          assertThat(api.requests("/system/ping")).singleElement().satisfies(request -> {
            assertThat(request.header("App-Name")).hasValue("from-properties");
            assertThat(request.header("App-Platform")).hasValue("spring");
          });
        });
  }

  @Test
  void withoutPriokitOnTheClassPathNothingIsConfigured() {
    against().withClassLoader(new FilteredClassLoader(PriokitClient.class)).run(context ->
        assertThat(context).doesNotHaveBean(PriokitClient.class).doesNotHaveBean(PriokitProperties.class));
  }

  @Test
  void theHealthIndicatorIsNamedPrioticketAndReportsTheApi() {
    against().run(context -> {
      assertThat(context).hasBean("prioticketHealthIndicator");
      assertThat(context.getBean(HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
    });
  }

  @Test
  void theHealthIndicatorCanBeTurnedOff() {
    against().withPropertyValues("management.health.prioticket.enabled=false").run(context ->
        assertThat(context).hasSingleBean(PriokitClient.class).doesNotHaveBean(HealthIndicator.class));
  }

  @Test
  void withoutTheActuatorsHealthThereIsNoIndicator() {
    against().withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
        assertThat(context).hasSingleBean(PriokitClient.class).doesNotHaveBean("prioticketHealthIndicator"));
  }

  @Test
  void theApplicationsOwnIndicatorOfThatNameWins() {
    HealthIndicator mine = () -> org.springframework.boot.health.contributor.Health.outOfService().build();
    against().withBean("prioticketHealthIndicator", HealthIndicator.class, () -> mine).run(context ->
        assertThat(context.getBean("prioticketHealthIndicator")).isSameAs(mine));
  }

  @Test
  void theHealthTimeoutBoundsTheWaitAndTheCheckGoesOnInTheBackground() {
    api.scenario(Scenario.hang().times(1));
    against().withPropertyValues("priokit.health.timeout=200ms", "priokit.call-timeout=700ms",
        "priokit.retry.max-attempts=1").run(context -> {
          HealthIndicator indicator = context.getBean(HealthIndicator.class);
          long started = System.nanoTime();
          assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
          assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(600));

          awaitStatus(indicator, Status.DOWN);
          assertThat(indicator.health().getDetails()).containsEntry("errorType", "PriokitTimeoutException");
        });
  }

  @Test
  void theHealthAnswerIsReusedUntilItIsOlderThanRefreshAfter() {
    against().withPropertyValues("priokit.health.refresh-after=1h").run(context -> {
      HealthIndicator indicator = context.getBean(HealthIndicator.class);
      indicator.health();
      api.scenario(Scenario.failing(503));
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
      assertThat(api.requestCount("/system/status")).isEqualTo(1);
    });
  }

  @Test
  void withAMeterRegistryCallsAreObservedAndCounted() {
    against().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertThat(context).hasSingleBean(PriokitMicrometer.class)
          .hasSingleBean(io.priokit.micrometer.PriokitMeterObservationHandler.class);
      context.getBean(PriokitClient.class).status();
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters.get("priokit.calls").tag("outcome", "SUCCESS").timer().count()).isEqualTo(1);
      assertThat(meters.get("priokit.calls.in.flight").gauge().value()).isZero();
    });
  }

  @Test
  void withAnObservationRegistryTooTheObservationsGoThere() {
    io.micrometer.observation.tck.TestObservationRegistry observations =
        io.micrometer.observation.tck.TestObservationRegistry.create();
    against().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(ObservationRegistry.class, () -> observations).run(context -> {
          context.getBean(PriokitClient.class).ping();
          io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat(observations)
              .hasObservationWithNameEqualTo("priokit.calls");
        });
  }

  @Test
  void withoutAMeterRegistryThereIsNoMicrometerBinding() {
    against().run(context -> assertThat(context).doesNotHaveBean(PriokitMicrometer.class));
    against().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withClassLoader(new FilteredClassLoader(PriokitMicrometer.class))
        .run(context -> assertThat(context).hasSingleBean(PriokitClient.class)
            .doesNotHaveBean(PriokitMicrometer.class));
  }

  @Test
  void theApplicationsOwnMicrometerBindingWins() {
    SimpleMeterRegistry tagged = new SimpleMeterRegistry();
    against().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(PriokitMicrometer.class, () -> PriokitMicrometer.builder().meterRegistry(tagged)
            .tag("client", "mine").build())
        .run(context -> {
          context.getBean(PriokitClient.class).ping();
          assertThat(tagged.get("priokit.calls").tag("client", "mine").timer().count()).isEqualTo(1);
        });
  }

  private static void awaitStatus(HealthIndicator indicator, Status expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!indicator.health().getStatus().equals(expected)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the indicator stayed " + indicator.health().getStatus() + ", not " + expected);
      }
      Thread.sleep(20);
    }
  }

  private static List<Socket> fillBacklog(ServerSocket full) throws IOException {
    List<Socket> queued = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(full.getLocalSocketAddress(), 200);
        queued.add(socket);
      } catch (IOException queueFull) {
        socket.close();
      }
    }
    return queued;
  }
}
