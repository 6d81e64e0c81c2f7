package io.priokit.internal;

import io.priokit.ClientCredentials;
import io.priokit.Environment;
import io.priokit.spi.TransportRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds each endpoint's request: its URI, {@code Accept}, {@code Accept-Encoding}, the {@code App-*}
 * headers with a fresh {@code App-Reference}, and the call timeout; for the token endpoint also the
 * Basic authorisation and the JSON body.
 */
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
    headers.put("Accept-Encoding", "gzip");
    headers.putAll(appHeaders);
    this.fixedHeaders = Map.copyOf(headers);
    this.callTimeout = callTimeout;
  }

  URI uri(Endpoint endpoint) {
    return uris.get(endpoint);
  }

  /** The request line for messages, such as {@code GET https://…/system/status}. */
  String requestLine(Endpoint endpoint) {
    return endpoint.method() + " " + uris.get(endpoint);
  }

  TransportRequest create(Endpoint endpoint, String appReference) {
    return new TransportRequest(endpoint.method(), uris.get(endpoint), headers(appReference), null, callTimeout);
  }

  /** {@code POST /oauth2/token} with Basic authorisation and {@code {"grant_type":"client_credentials"}}. */
  TransportRequest tokenRequest(String appReference, ClientCredentials credentials, JsonCodec json) {
    Map<String, String> headers = headers(appReference);
    headers.put("Content-Type", "application/json");
    headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
        (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8)));
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "client_credentials");
    credentials.scope().ifPresent(scope -> body.put("scope", scope));
    return new TransportRequest(Endpoint.OAUTH_TOKEN.method(), uris.get(Endpoint.OAUTH_TOKEN), headers,
        json.write(body), callTimeout);
  }

  private Map<String, String> headers(String appReference) {
    Map<String, String> headers = new LinkedHashMap<>(fixedHeaders);
    headers.put(APP_REFERENCE, appReference);
    return headers;
  }
}
