package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.observe.AttemptStarted;
import io.priokit.observe.PriokitListener;
import io.priokit.observe.TraceHeaders;
import io.priokit.spi.TransportRequest;
import io.priokit.testkit.VirtualTime;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the pipeline's events cost when nothing listens, and what they do when something does. */
class PipelineEventsTest {

  private final VirtualTime time = new VirtualTime();
  private final TransportRequest request = TransportRequest.get(URI.create("https://api.test/system/status"),
      java.util.Collections.unmodifiableMap(Map.of("App-Reference", "ref-1")), 1024);

  @Test
  void withoutAListenerACallKeepsNothingAndItsRequestIsSentAsItWasMade() {
    PipelineEvents events = new PipelineEvents(PriokitListener.NONE, new KnownSecrets(), time, "jdk");

    assertThat(events.callStarted(Endpoint.SYSTEM_STATUS, "ref-1")).isNull();
    assertThat(events.attemptStarted(call(null), request, 1)).isSameAs(request);
  }

  @Test
  void aListenerThatAddsNoHeaderLeavesTheRequestAsItWasMade() {
    PipelineEvents events = new PipelineEvents(new PriokitListener() { }, new KnownSecrets(), time, "jdk");
    ListenedCall listened = events.callStarted(Endpoint.SYSTEM_STATUS, "ref-1");

    assertThat(listened).isNotNull();
    assertThat(events.attemptStarted(call(listened), request, 1)).isSameAs(request);
  }

  @Test
  void aListenersTraceHeadersGoOnACopyOfTheRequest() {
    PipelineEvents events = new PipelineEvents(new PriokitListener() {
      @Override
      public void addTraceHeaders(AttemptStarted attempt, TraceHeaders headers) {
        headers.put("Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
      }
    }, new KnownSecrets(), time, "jdk");

    TransportRequest sent = events.attemptStarted(call(events.callStarted(Endpoint.SYSTEM_STATUS, "ref-1")),
        request, 1);

    assertThat(sent.headers()).containsOnlyKeys("App-Reference", "traceparent");
    assertThat(request.headers()).containsOnlyKeys("App-Reference");
  }

  private static CallContext call(ListenedCall listened) {
    return new CallContext(Endpoint.SYSTEM_STATUS, ExchangeMode.ASYNC, "ref-1", "GET https://api.test/system/status",
        0, Duration.ofMinutes(2), new CompletableFuture<>(), listened);
  }
}
