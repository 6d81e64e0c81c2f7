package io.priokit.system;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@link SystemPing} and {@link SystemStatus} hold: an immutable successful answer whose headers
 * are turned into {@link HttpHeaders} only when first asked for.
 */
abstract sealed class HealthAnswer implements HealthResponse permits SystemPing, SystemStatus {

  private final int statusCode;
  private final Duration latency;
  private final Supplier<HttpHeaders> headerSource;
  private final ResponseBody body;
  private final String appReference;
  private final int attempts;
  private volatile HttpHeaders headers;

  HealthAnswer(int statusCode, Duration latency, Supplier<HttpHeaders> headers, ResponseBody body,
      String appReference, int attempts) {
    this.statusCode = statusCode;
    this.latency = Objects.requireNonNull(latency, "latency");
    this.headerSource = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
    this.appReference = appReference;
    this.attempts = attempts;
  }

  @Override
  public int statusCode() {
    return statusCode;
  }

  @Override
  public Duration latency() {
    return latency;
  }

  @Override
  public HttpHeaders headers() {
    HttpHeaders known = headers;
    if (known == null) {
      known = Objects.requireNonNull(headerSource.get(), "headers");
      headers = known;
    }
    return known;
  }

  @Override
  public ResponseBody body() {
    return body;
  }

  @Override
  public String appReference() {
    return appReference;
  }

  @Override
  public int attempts() {
    return attempts;
  }

  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass() && other instanceof HealthAnswer that
        && statusCode == that.statusCode && attempts == that.attempts && latency.equals(that.latency)
        && headers().equals(that.headers()) && body.equals(that.body)
        && Objects.equals(appReference, that.appReference);
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), statusCode, latency, body, appReference, attempts);
  }

  /** Status, latency, header names, body kind, reference and attempts; header values stay out. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[statusCode=" + statusCode + ", latency=" + latency
        + ", headers=" + headers().map().keySet() + ", body=" + body + ", appReference=" + appReference
        + ", attempts=" + attempts + "]";
  }

  /** Headers already made, for the public constructors. */
  static Supplier<HttpHeaders> constant(HttpHeaders headers) {
    Objects.requireNonNull(headers, "headers");
    return () -> headers;
  }
}
