package io.priokit.transport.vertx;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.priokit.PriokitClient;
import io.priokit.error.ConfigurationException;
import io.priokit.spi.TransportOptions;
import io.priokit.system.SystemStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the Vert.x transport promises: event-loop safety and the caller's context. */
class VertxEventLoopTest {

  @RegisterExtension
  static final WireMockExtension API = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void blockingCallOnAnEventLoopFailsFastSayingWhatToCallInstead() {
    try (PriokitClient client = client()) {
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      vertx.runOnContext(ignored -> {
        try {
          client.status();
          outcome.complete(null);
        } catch (Throwable failure) {
          outcome.complete(failure);
        }
      });

      assertThat(outcome).succeedsWithin(Duration.ofSeconds(5))
          .isInstanceOfSatisfying(ConfigurationException.class, error -> assertThat(error.getMessage())
              .contains("event-loop thread vert.x-eventloop-thread-", "VertxSystemHealth", "client.async()",
                  "executeBlocking"));
      API.verify(0, com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
          com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }
  }

  @Test
  void blockingCallFromAWorkerIsAllowed() {
    API.stubFor(get(urlPathEqualTo("/v3.8/distributor/system/status")).willReturn(aResponse().withStatus(200)));
    try (PriokitClient client = client()) {
      Future<SystemStatus> status = vertx.executeBlocking(client::status);

      assertThat(status.toCompletionStage()).succeedsWithin(Duration.ofSeconds(10))
          .satisfies(answer -> assertThat(answer.statusCode()).isEqualTo(200));
    }
  }

  @Test
  void facadeDrivenFromAVerticleCompletesOnThatVerticlesContext() throws Exception {
    API.stubFor(get(urlPathEqualTo("/v3.8/distributor/system/status"))
        .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"OK\"}")));
    try (PriokitClient client = client()) {
      VertxSystemHealth health = VertxSystemHealth.of(client, vertx);
      CompletableFuture<String> result = new CompletableFuture<>();

      vertx.deployVerticle(new VerticleBase() {
        @Override
        public Future<?> start() {
          Context own = context;
          health.status().onComplete(answer -> result.complete(
              (Vertx.currentContext() == own && Context.isOnEventLoopThread() ? "own context" : "elsewhere")
                  + ", " + (answer.succeeded() ? answer.result().body().string("status").orElse("?") : answer.cause())));
          return Future.succeededFuture();
        }
      }).await(10, TimeUnit.SECONDS);

      assertThat(result).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("own context, OK");
    }
  }

  @Test
  void retriesWaitOnVertxTimersAndResumeOnTheEventLoop() {
    API.stubFor(get(urlPathEqualTo("/v3.8/distributor/system/status")).inScenario("retry")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("ok")
        .willReturn(aResponse().withStatus(503)));
    API.stubFor(get(urlPathEqualTo("/v3.8/distributor/system/status")).inScenario("retry")
        .whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200).withBody("{}")));
    try (PriokitClient client = PriokitClient.builder().baseUri(API.baseUrl() + "/v3.8/distributor")
        .transport(VertxHttpTransport.factory(vertx))
        .retryPolicy(io.priokit.RetryPolicy.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(50)))
        .build()) {
      CompletableFuture<String> thread = client.async().status().thenApply(status -> Thread.currentThread().getName());

      assertThat(thread).succeedsWithin(Duration.ofSeconds(10)).asString().startsWith("vert.x-eventloop-thread-");
      assertThat(Thread.getAllStackTraces().keySet()).as("the client's one timer thread, for attempt timeouts")
          .filteredOn(started -> started.getName().startsWith("priokit-")).extracting(Thread::getName)
          .containsExactly("priokit-timer");
    }
  }

  @Test
  void theGuiceModuleBindsTheFutureFacadeOnTheApplicationsVertx() throws Exception {
    API.stubFor(get(urlPathEqualTo("/v3.8/distributor/system/status")).willReturn(aResponse().withStatus(200)));
    com.google.inject.Injector injector = com.google.inject.Guice.createInjector(
        new io.priokit.PriokitModule(builder -> builder.baseUri(API.baseUrl() + "/v3.8/distributor")),
        new VertxTransportModule(vertx));
    try (PriokitClient client = injector.getInstance(PriokitClient.class)) {
      VertxSystemHealth health = injector.getInstance(VertxSystemHealth.class);

      assertThat(health.status().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(injector.getInstance(VertxSystemHealth.class)).isSameAs(health);
      assertThat(client.transportName()).isEqualTo("vertx");
    }
  }

  @Test
  void aTransportWithItsOwnVertxClosesItAndItsThreads() throws Exception {
    API.stubFor(get(urlPathEqualTo("/v3.8/distributor/system/status")).willReturn(aResponse().withStatus(200)));
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    VertxHttpTransport transport = VertxHttpTransport.create(TransportOptions.DEFAULTS);
    try (PriokitClient client = PriokitClient.builder().baseUri(API.baseUrl() + "/v3.8/distributor")
        .transport(transport).build()) {
      client.status();
      assertThat(vertxThreadsSince(before)).isNotEmpty();
    }

    transport.close();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!vertxThreadsSince(before).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(vertxThreadsSince(before)).isEmpty();
  }

  private static List<String> vertxThreadsSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive())
        .map(Thread::getName)
        .filter(name -> name.startsWith("vert.x-"))
        .toList();
  }

  private PriokitClient client() {
    return PriokitClient.builder().baseUri(API.baseUrl() + "/v3.8/distributor")
        .transport(VertxHttpTransport.factory(vertx)).build();
  }
}
