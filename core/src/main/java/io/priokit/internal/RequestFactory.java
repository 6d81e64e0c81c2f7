package io.priokit.internal;

import io.priokit.ClientCredentials;
import io.priokit.Environment;
import io.priokit.spi.TransportRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds each endpoint's request: its URI, {@code Accept}, {@code Accept-Encoding} (which
 * {@link GzipDecoding} answers), the {@code App-*} headers with a fresh {@code App-Reference}, and
 * the bound on the response body; for the token endpoint also the Basic authorisation and the JSON
 * body.
 */
final class RequestFactory {

  static final String APP_REFERENCE = "App-Reference";

  private final Map<Endpoint, URI> uris = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, String> requestLines = new EnumMap<>(Endpoint.class);
  private final Map<String, String> fixedHeaders;
  private final String[] fixedNames;
  private final String[] fixedValues;
  private final int maxResponseBytes;

  RequestFactory(Environment environment, Map<String, String> appHeaders, int maxResponseBytes) {
    for (Endpoint endpoint : Endpoint.values()) {
      uris.put(endpoint, environment.resolve(endpoint.path()));
      requestLines.put(endpoint, endpoint.method() + " " + uris.get(endpoint));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put("Accept-Encoding", GzipDecoding.ACCEPT_ENCODING);
    headers.putAll(appHeaders);
    this.fixedHeaders = Map.copyOf(headers);
    this.fixedNames = headers.keySet().toArray(String[]::new);
    this.fixedValues = headers.values().toArray(String[]::new);
    this.maxResponseBytes = maxResponseBytes;
  }

  /** The request line for messages, such as {@code GET https://…/system/status}. */
  String requestLine(Endpoint endpoint) {
    return requestLines.get(endpoint);
  }

  /** The request of an API call: its headers are the fixed ones and this call's reference, unhashed. */
  TransportRequest create(Endpoint endpoint, String appReference) {
    return new TransportRequest(endpoint.method(), uris.get(endpoint), java.util.Collections.unmodifiableMap(
        new RequestHeaders(fixedNames, fixedValues, APP_REFERENCE, appReference)), null, maxResponseBytes);
  }

  /** {@code POST /oauth2/token} with Basic authorisation and {@code {"grant_type":"client_credentials"}}. */
  TransportRequest tokenRequest(String appReference, ClientCredentials credentials, JsonCodec json) {
    Map<String, String> headers = headers(appReference);
    headers.put("Content-Type", "application/json");
    headers.put("Authorization", "Basic " + basicCredential(credentials));
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "client_credentials");
    credentials.scope().ifPresent(scope -> body.put("scope", scope));
    return new TransportRequest(Endpoint.OAUTH_TOKEN.method(), uris.get(Endpoint.OAUTH_TOKEN), headers,
        json.write(body), maxResponseBytes);
  }

  /** The Basic credential of the token request: a secret as much as the client secret itself. */
  static String basicCredential(ClientCredentials credentials) {
    return Base64.getEncoder().encodeToString(
        (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, String> headers(String appReference) {
    Map<String, String> headers = new LinkedHashMap<>(fixedHeaders);
    headers.put(APP_REFERENCE, appReference);
    return headers;
  }
}
