package io.priokit.internal;

import io.priokit.error.ApiException;
import io.priokit.error.ConfigurationException;
import io.priokit.error.DecodingException;
import io.priokit.error.ErrorBody;
import io.priokit.error.ErrorResponse;
import io.priokit.error.FailureContext;
import io.priokit.error.PriokitException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.RequestRejectedException;
import io.priokit.error.TransportException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a fleet's health poller saw, as text other instances read: the outcome of one status check
 * (latency and attempts, or the failure with every fact its type carries), so that each reader
 * judges UP or DEGRADED by its own threshold and gets a DOWN cause of the same type and status. Only
 * what the failure already shows is written: its messages and fields are scrubbed of secrets.
 */
final class HealthObservations {

  /** One status check, as seen by the poller. */
  record Observation(Instant at, Duration latency, int attempts, PriokitException failure) {}

  private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

  private final JsonCodec json = new JsonCodec();

  String success(Instant at, Duration latency, int attempts) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("at", at.toEpochMilli());
    fields.put("latency_ns", latency.toNanos());
    fields.put("attempts", attempts);
    return write(fields);
  }

  String failure(Instant at, PriokitException failure) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("at", at.toEpochMilli());
    fields.put("attempts", failure.attempts());
    fields.put("type", failure.getClass().getSimpleName());
    FailureContext context = failure.context();
    fields.put("request", context.request());
    fields.put("app_reference", context.appReference());
    fields.put("retryable", context.retryable());
    fields.put("message", failure.getMessage());
    if (failure instanceof ApiException api) {
      ErrorResponse response = api.response();
      ErrorBody body = response.body();
      fields.put("status", response.statusCode());
      fields.put("error", body.error());
      fields.put("error_reference", body.errorReference());
      fields.put("error_message", body.errorMessage());
      fields.put("error_description", body.errorDescription());
      fields.put("error_uri", body.errorUri());
      fields.put("errors", body.errors());
      fields.put("scope", body.scope());
      fields.put("excerpt", response.bodyExcerpt());
      fields.put("retry_after_ns", response.retryAfter() == null ? null : response.retryAfter().toNanos());
    } else if (failure instanceof TransportException transport) {
      fields.put("kind", transport.reason().name());
    } else if (failure instanceof PriokitTimeoutException timeout) {
      fields.put("kind", timeout.kind().name());
      fields.put("timeout_ns", timeout.timeout().toNanos());
    } else if (failure instanceof DecodingException decoding) {
      fields.put("status", decoding.statusCode());
      fields.put("excerpt", decoding.bodyExcerpt());
    } else if (failure instanceof RequestRejectedException rejected) {
      fields.put("kind", rejected.reason().name());
      fields.put("limit", rejected.limit());
      fields.put("retry_after_ns", rejected.retryAfter().toNanos());
    }
    return write(fields);
  }

  /** The observation, or empty when the text is not one (written by another version, or damaged). */
  Optional<Observation> read(String text) {
    try {
      Map<String, Object> fields = json.readObject(text.getBytes(StandardCharsets.UTF_8));
      Instant at = Instant.ofEpochMilli(number(fields, "at"));
      int attempts = (int) number(fields, "attempts");
      if (!fields.containsKey("type")) {
        return Optional.of(new Observation(at, Duration.ofNanos(number(fields, "latency_ns")), attempts, null));
      }
      return Optional.of(new Observation(at, null, attempts, failureOf(fields, attempts)));
    } catch (JsonCodec.MalformedJsonException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static PriokitException failureOf(Map<String, Object> fields, int attempts) {
    FailureContext context = new FailureContext(text(fields, "request"), text(fields, "app_reference"), attempts,
        Boolean.TRUE.equals(fields.get("retryable")));
    String type = text(fields, "type");
    String detail = "as the fleet's health poller saw it";
    return switch (type) {
      case "TransportException" -> new TransportException(
          TransportException.Reason.valueOf(text(fields, "kind")), detail, null, context);
      case "PriokitTimeoutException" -> new PriokitTimeoutException(PriokitTimeoutException.Kind.valueOf(
          text(fields, "kind")), Duration.ofNanos(number(fields, "timeout_ns")), null, context);
      case "DecodingException" -> new DecodingException(detail, (int) number(fields, "status"),
          text(fields, "excerpt"), null, context);
      case "RequestRejectedException" -> new RequestRejectedException(RequestRejectedException.Reason.valueOf(
          text(fields, "kind")), (int) number(fields, "limit"), Duration.ofNanos(number(fields, "retry_after_ns")),
          context);
      case "ConfigurationException" -> new ConfigurationException(text(fields, "message"));
      default -> apiFailure(fields, context);
    };
  }

  private static ApiException apiFailure(Map<String, Object> fields, FailureContext context) {
    List<String> errors = fields.get("errors") instanceof List<?> list
        ? list.stream().map(String::valueOf).toList() : List.of();
    ErrorBody body = new ErrorBody(text(fields, "error"), text(fields, "error_reference"),
        text(fields, "error_message"), text(fields, "error_description"), text(fields, "error_uri"), errors,
        text(fields, "scope"));
    Object retryAfter = fields.get("retry_after_ns");
    String excerpt = text(fields, "excerpt");
    return ApiException.from(new ErrorResponse((int) number(fields, "status"), NO_HEADERS, body,
        excerpt == null ? "" : excerpt, retryAfter instanceof Number nanos ? Duration.ofNanos(nanos.longValue()) : null),
        context);
  }

  private String write(Map<String, Object> fields) {
    return new String(json.write(fields), StandardCharsets.UTF_8);
  }

  private static long number(Map<String, Object> fields, String name) {
    if (fields.get(name) instanceof Number number) {
      return number.longValue();
    }
    throw new IllegalArgumentException("no number " + name);
  }

  private static String text(Map<String, Object> fields, String name) {
    return fields.get(name) instanceof String value ? value : null;
  }
}
