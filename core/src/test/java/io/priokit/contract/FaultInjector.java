package io.priokit.contract;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns every tenth response of a stub that names it into a fault, cycling through a 503 with a JSON
 * body, a reset connection, a 429 asking for no wait, and a connection closed without a response.
 */
public final class FaultInjector implements ResponseDefinitionTransformerV2 {

  /** The name a stub gives to {@code withTransformers} to have its responses faulted. */
  public static final String NAME = "fault-injector";

  private final AtomicLong served = new AtomicLong();
  private final AtomicLong injected = new AtomicLong();

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    long count = served.incrementAndGet();
    if (count % 10 != 0) {
      return serveEvent.getResponseDefinition();
    }
    injected.incrementAndGet();
    return switch ((int) (count / 10 % 4)) {
      case 0 -> ResponseDefinitionBuilder.responseDefinition().withStatus(503)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"error\":\"UNAVAILABLE\",\"error_reference\":\"soak-" + count + "\"}").build();
      case 1 -> ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
      case 2 -> ResponseDefinitionBuilder.responseDefinition().withStatus(429).withHeader("Retry-After", "0").build();
      default -> ResponseDefinitionBuilder.responseDefinition().withFault(Fault.EMPTY_RESPONSE).build();
    };
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }

  /** Starts counting afresh. */
  public void reset() {
    served.set(0);
    injected.set(0);
  }

  /** How many responses were served through this injector. */
  public long served() {
    return served.get();
  }

  /** How many of them were faults. */
  public long injected() {
    return injected.get();
  }
}
