package io.priokit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.RecordedRequest;
import io.priokit.simulator.Scenario;
import io.priokit.simulator.junit.PrioticketSimulatorExtension;
import io.priokit.system.SystemStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end with Micrometer Tracing's OpenTelemetry bridge: the call's span as the exporter gets
 * it, and the trace context the simulator received.
 */
@ExtendWith(PrioticketSimulatorExtension.class)
class TracingTest {

  private final Tracing tracing = new Tracing(new SimpleMeterRegistry());

  @AfterEach
  void close() {
    tracing.close();
  }

  @Test
  @SuppressWarnings("try") // the scope makes the parent current; the body need not name it
  void theCallIsAClientSpanUnderTheCurrentOneAndTheServerReceivesItsTraceparent(PrioticketSimulator api) {
    api.scenario(Scenario.failing(503).times(1));
    SystemStatus status;
    Span parent = tracing.tracer.nextSpan().name("checkout").start();
    try (PriokitClient client = client(api); Tracer.SpanInScope scope = tracing.tracer.withSpan(parent)) {
      status = client.status();
    } finally {
      parent.end();
    }

    SpanData call = span("GET /system/status");
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(call.getParentSpanId()).isEqualTo(parent.context().spanId());
    assertThat(call.getTraceId()).isEqualTo(parent.context().traceId());
    assertThat(call.getAttributes().get(AttributeKey.stringKey("priokit.app_reference")))
        .isEqualTo(status.appReference());
    assertThat(call.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("SUCCESS");
    assertThat(call.getAttributes().get(AttributeKey.stringKey("peer.service"))).isEqualTo("prioticket");
    assertThat(call.getEvents()).extracting(EventData::getName)
        .singleElement().satisfies(name -> assertThat(name).startsWith("attempt 1 failed: 503 in "));

    List<RecordedRequest> received = api.requests("/system/status");
    assertThat(received).hasSize(2).allSatisfy(request -> assertThat(request.header("traceparent").orElseThrow())
        .matches("00-" + call.getTraceId() + "-" + call.getSpanId() + "-0[13]"));
  }

  @Test
  void aFailedCallsSpanIsAnErrorWithTheTypedFailure(PrioticketSimulator api) {
    api.scenario(Scenario.failing(502));
    try (PriokitClient client = client(api)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(client::status)
          .isInstanceOf(io.priokit.error.BadGatewayException.class);
    }

    SpanData call = span("GET /system/status");
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("API_ERROR");
    assertThat(call.getAttributes().get(AttributeKey.stringKey("status.class"))).isEqualTo("5xx");
    assertThat(call.getEvents()).extracting(EventData::getName).contains("exception");
  }

  @Test
  void aCallWithoutACurrentSpanStartsATraceOfItsOwn(PrioticketSimulator api) {
    try (PriokitClient client = client(api)) {
      client.ping();
    }

    SpanData call = span("GET /system/ping");
    assertThat(call.getParentSpanContext().isValid()).isFalse();
    assertThat(api.requests("/system/ping")).singleElement().satisfies(request ->
        assertThat(request.header("traceparent")).hasValue("00-" + call.getTraceId() + "-" + call.getSpanId() + "-"
            + call.getSpanContext().getTraceFlags().asHex()));
  }

  private SpanData span(String name) {
    return tracing.spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name))
        .reduce((first, second) -> {
          throw new AssertionError("more than one span " + name);
        })
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + tracing.spans.getFinishedSpanItems()));
  }

  private PriokitClient client(PrioticketSimulator api) {
    return PriokitClient.builder().environment(api.environment()).transport("jdk")
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
        .listener(PriokitMicrometer.builder().observationRegistry(tracing.observations).build()).build();
  }
}
