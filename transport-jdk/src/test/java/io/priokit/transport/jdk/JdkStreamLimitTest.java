package io.priokit.transport.jdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.priokit.contract.Wire;
import io.priokit.spi.HttpTransport;
import io.priokit.spi.TransportFailure;
import io.priokit.spi.TransportOptions;
import io.priokit.spi.TransportRequest;
import io.priokit.spi.TransportResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exchanges the JDK client refuses beyond an HTTP/2 connection's stream limit (128 on the
 * WireMock server, as on nginx) wait in the transport: one cancelled while waiting never goes on the
 * wire, and closing the transport fails those still waiting. The contract's HTTPS suite holds that they
 * all complete otherwise.
 */
class JdkStreamLimitTest {

  @RegisterExtension
  static final WireMockExtension SERVER = WireMockExtension.newInstance()
      .options(Wire.wireMockConfig().containerThreads(200).jettyAcceptors(1)).build();

  private static final int STREAM_LIMIT = 128;

  private static TransportRequest request() {
    return TransportRequest.get(Wire.TLS.uri(SERVER, "/slow"), Map.of(), 1024);
  }

  private static HttpTransport warmTransport() {
    HttpTransport transport = JdkHttpTransport.create(Wire.TLS.options(TransportOptions.DEFAULTS));
    transport.send(request());
    return transport;
  }

  @Test
  void anExchangeCancelledWhileWaitingForAStreamNeverGoesOnTheWire() {
    SERVER.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(1_000)));
    try (HttpTransport transport = warmTransport()) {
      List<CompletableFuture<TransportResponse>> inFlight = new ArrayList<>();
      for (int i = 0; i < STREAM_LIMIT; i++) {
        inFlight.add(transport.sendAsync(request()));
      }
      List<CompletableFuture<TransportResponse>> waiting = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        waiting.add(transport.sendAsync(request()));
      }

      waiting.subList(10, 20).forEach(exchange -> exchange.cancel(true));

      assertThat(CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)))
          .succeedsWithin(Duration.ofSeconds(30));
      assertThat(CompletableFuture.allOf(waiting.subList(0, 10).toArray(CompletableFuture[]::new)))
          .succeedsWithin(Duration.ofSeconds(30));
      assertThat(waiting.subList(10, 20)).allSatisfy(exchange -> assertThat(exchange).isCancelled());
      assertThat(SERVER.findAll(anyRequestedFor(urlPathEqualTo("/slow"))))
          .as("the warm-up, the exchanges in flight and those still waiting").hasSize(1 + STREAM_LIMIT + 10);
    }
  }

  @Test
  void closingTheTransportFailsTheExchangesWaitingForAStream() {
    SERVER.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    HttpTransport transport = warmTransport();
    for (int i = 0; i < STREAM_LIMIT; i++) {
      transport.sendAsync(request());
    }
    CompletableFuture<TransportResponse> waiting = transport.sendAsync(request());

    transport.close();

    assertThat(waiting).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(TransportFailure.class,
            failure -> assertThat(failure.kind()).isEqualTo(TransportFailure.Kind.TRANSPORT_CLOSED));
  }
}
