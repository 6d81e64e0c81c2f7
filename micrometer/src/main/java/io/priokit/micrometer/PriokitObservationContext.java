package io.priokit.micrometer;

import io.micrometer.observation.transport.RequestReplySenderContext;
import io.priokit.observe.CallFinished;
import io.priokit.observe.CallStarted;
import io.priokit.observe.TraceHeaders;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The observation context of one priokit call: what was called ({@link #call()}), how it ended
 * ({@link #getResponse()}, once it has), and the trace-context headers that tracing handlers
 * propagate into it when the observation starts, which every request of the call then carries.
 * Only the headers of {@link TraceHeaders#NAMES} are kept: a propagator's others (B3's, say) are
 * not sent, since the API's requests take no other header.
 */
public final class PriokitObservationContext extends RequestReplySenderContext<Map<String, String>, CallFinished> {

  /** The remote service name spans carry. */
  public static final String REMOTE_SERVICE_NAME = "prioticket";

  private final CallStarted call;

  /**
   * A context for a call that is starting.
   *
   * @param call what is called
   */
  public PriokitObservationContext(CallStarted call) {
    super((carrier, name, value) -> {
      if (carrier != null && TraceHeaders.allows(name)) {
        carrier.put(name, value);
      }
    });
    this.call = Objects.requireNonNull(call, "call");
    setCarrier(new HashMap<>(4));
    setRemoteServiceName(REMOTE_SERVICE_NAME);
  }

  /** {@return what is called: method, endpoint path, App-Reference and transport} */
  public CallStarted call() {
    return call;
  }
}
