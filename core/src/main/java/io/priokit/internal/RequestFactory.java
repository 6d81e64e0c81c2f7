package io.priokit.internal;

import io.priokit.Environment;
import io.priokit.spi.TransportRequest;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds each endpoint's request: its URI, {@code Accept}, the {@code App-*} headers and a timeout. */
final class RequestFactory {

  static final String APP_REFERENCE = "App-Reference";

  private final Map<Endpoint, URI> uris = new EnumMap<>(Endpoint.class);
  private final Map<String, String> fixedHeaders;
  private final Duration callTimeout;

  RequestFactory(Environment environment, Map<String, String> appHeaders, Duration callTimeout) {
    for (Endpoint endpoint : Endpoint.values()) {
      uris.put(endpoint, environment.resolve(endpoint.path()));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.putAll(appHeaders);
    this.fixedHeaders = Map.copyOf(headers);
    this.callTimeout = callTimeout;
  }

  URI uri(Endpoint endpoint) {
    return uris.get(endpoint);
  }

  TransportRequest create(Endpoint endpoint, String appReference) {
    Map<String, String> headers = new LinkedHashMap<>(fixedHeaders);
    headers.put(APP_REFERENCE, appReference);
    return new TransportRequest(endpoint.method(), uris.get(endpoint), headers, null, callTimeout);
  }
}
