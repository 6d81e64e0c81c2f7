package io.priokit.transport.vertx;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.system.Health;
import io.priokit.system.HealthState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Vert.x health stream and the Vert.x Health Checks procedure, against a real server. */
class VertxHealthTest {

  private static final String STATUS = "/v3.8/distributor/system/status";

  @RegisterExtension
  static final WireMockExtension API = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final Vertx vertx = Vertx.vertx();
  private final PriokitClient client = PriokitClient.builder().baseUri(API.baseUrl() + "/v3.8/distributor")
      .transport(VertxHttpTransport.factory(vertx)).retryPolicy(RetryPolicy.none()).build();

  @AfterEach
  void close() throws Exception {
    client.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void theStreamDeliversEachChangeOnTheContextItWasCreatedOn() throws Exception {
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(200).withBody("{}")));
    List<String> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> sawDown = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(ignored -> VertxSystemHealth.of(client, vertx).watch(Duration.ofMillis(50))
        .handler(state -> {
          seen.add(state.health() + (Vertx.currentContext() == context ? " on its context" : " elsewhere"));
          if (state.health() == Health.DOWN) {
            sawDown.complete(null);
          }
        }));
    waitFor(() -> !seen.isEmpty());

    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(503)));

    assertThat(sawDown).succeedsWithin(Duration.ofSeconds(10));
    assertThat(seen).containsExactly("UP on its context", "DOWN on its context");
  }

  @Test
  void closingTheClientEndsTheStreamOnItsContextWithoutADown() throws Exception {
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(200).withBody("{}")));
    List<Health> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<String> ended = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(ignored -> VertxSystemHealth.of(client, vertx).watch(Duration.ofMillis(50))
        .endHandler(end -> ended.complete(Vertx.currentContext() == context ? "on its context" : "elsewhere"))
        .handler(state -> seen.add(state.health())));
    waitFor(() -> !seen.isEmpty());

    client.close();

    assertThat(ended).succeedsWithin(Duration.ofSeconds(1)).isEqualTo("on its context");
    assertThat(seen).containsOnly(Health.UP);
  }

  @Test
  void aPausedStreamDeliversNothingAndFetchDeliversTheNewestChange() throws Exception {
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(200).withBody("{}")));
    List<HealthState> seen = new CopyOnWriteArrayList<>();
    ReadStream<HealthState> stream = VertxSystemHealth.of(client, vertx).watch(Duration.ofMillis(50));
    stream.pause();
    stream.handler(seen::add);
    Thread.sleep(300);
    assertThat(seen).isEmpty();

    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(503)));
    Thread.sleep(300);
    stream.fetch(1);

    waitFor(() -> !seen.isEmpty());
    Thread.sleep(200);
    assertThat(seen).singleElement().satisfies(state -> assertThat(state.health()).isEqualTo(Health.DOWN));
  }

  @Test
  void pausingAFlowingStreamHoldsTheNewestChangeUntilFetched() throws Exception {
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(200).withBody("{}")));
    List<HealthState> seen = new CopyOnWriteArrayList<>();
    ReadStream<HealthState> stream = VertxSystemHealth.of(client, vertx).watch(Duration.ofMillis(50));
    stream.handler(seen::add);
    waitFor(() -> !seen.isEmpty());

    stream.pause();
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(503)));
    Thread.sleep(300);
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(400)));
    Thread.sleep(300);
    assertThat(seen).as("nothing while paused").hasSize(1);

    stream.fetch(1);
    waitFor(() -> seen.size() == 2);
    Thread.sleep(200);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).failure()).get().satisfies(cause -> assertThat(cause.getMessage()).contains("400"));
  }

  @Test
  void theHealthCheckProcedureReportsUpWithLatencyAndAttempts() throws Exception {
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(200).withBody("{}")));
    HealthChecks checks = PrioticketHealthCheck.register(HealthChecks.create(vertx), VertxSystemHealth.of(client, vertx));

    CheckResult result = checks.checkStatus().await(10, TimeUnit.SECONDS);

    assertThat(CheckResult.isUp(result)).isTrue();
    JsonObject data = result.getChecks().get(0).getData();
    assertThat(data.getInteger("attempts")).isEqualTo(1);
    assertThat(data.getLong("latency_ms")).isNotNegative();
  }

  @Test
  void theHealthCheckProcedureReportsDownWithTheErrorDetails() throws Exception {
    API.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(503)
        .withBody("{\"error\":\"SERVICE_UNAVAILABLE\",\"error_reference\":\"ref-9\"}")));
    HealthChecks checks = PrioticketHealthCheck.register(HealthChecks.create(vertx), VertxSystemHealth.of(client, vertx));

    CheckResult result = checks.checkStatus().await(10, TimeUnit.SECONDS);

    assertThat(CheckResult.isUp(result)).isFalse();
    CheckResult prioticket = result.getChecks().get(0);
    assertThat(prioticket.getId()).isEqualTo(PrioticketHealthCheck.NAME);
    assertThat(prioticket.getData().getString("error_type")).isEqualTo("ServiceUnavailableException");
    assertThat(prioticket.getData().getInteger("http_status")).isEqualTo(503);
    assertThat(prioticket.getData().getString("error")).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(prioticket.getData().getString("error_reference")).isEqualTo("ref-9");
    assertThat(prioticket.getData().getInteger("attempts")).isEqualTo(1);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
  }
}
