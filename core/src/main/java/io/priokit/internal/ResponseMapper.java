package io.priokit.internal;

import io.priokit.RetryPolicy;
import io.priokit.error.ApiException;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.error.DecodingException;
import io.priokit.error.ErrorBody;
import io.priokit.error.ErrorResponse;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportResponse;
import io.priokit.system.JsonBody;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a complete response into the call's result: a 2xx body decoded into the result value, any
 * other status into its {@link ApiException} type.
 */
final class ResponseMapper {

  private final JsonCodec json;
  private final RetryPolicy retryPolicy;
  private final TimeSource time;

  ResponseMapper(JsonCodec json, RetryPolicy retryPolicy, TimeSource time) {
    this.json = json;
    this.retryPolicy = retryPolicy;
    this.time = time;
  }

  static boolean isSuccess(int statusCode) {
    return statusCode >= 200 && statusCode < 300;
  }

  <T> T map(CallContext call, ReceivedResponse received, ResponseFactory<T> factory) {
    TransportResponse response = received.response();
    int status = response.statusCode();
    if (!isSuccess(status)) {
      throw toApiException(call, response);
    }
    JsonBody body;
    try {
      body = json.readObject(response.body());
    } catch (JsonCodec.MalformedJsonException malformed) {
      throw new DecodingException(malformed.getMessage(), status,
          BodyExcerpt.of(response.body(), response.headers()), malformed, call.failure(false));
    }
    return factory.create(status, received.latency(), response.headers(), body, call.appReference(),
        call.attempts());
  }

  ApiException toApiException(CallContext call, TransportResponse response) {
    return ApiException.from(errorResponse(call, response),
        call.failure(retryPolicy.isRetryable(response.statusCode())));
  }

  /**
   * The token endpoint's refusal: 400 and 401 (OAuth2 errors such as {@code invalid_client}) are
   * authentication failures; other statuses map as any response does.
   */
  ApiException toTokenError(CallContext call, TransportResponse response) {
    int status = response.statusCode();
    if (status == 400 || status == 401) {
      return new AuthenticationFailedException(errorResponse(call, response), call.failure(false));
    }
    return toApiException(call, response);
  }

  /** The wait the response asks for with {@code Retry-After}. */
  Optional<Duration> retryAfter(TransportResponse response) {
    return RetryAfter.of(response.headers(), time.instant());
  }

  /** The error response, with any secret the call sent scrubbed from what the server echoed. */
  private ErrorResponse errorResponse(CallContext call, TransportResponse response) {
    byte[] body = response.body();
    ErrorBody fields = json.readError(body);
    Set<String> secrets = call.secrets();
    ErrorBody scrubbed = secrets.isEmpty() ? fields : new ErrorBody(
        Redaction.scrub(fields.error(), secrets),
        Redaction.scrub(fields.errorReference(), secrets),
        Redaction.scrub(fields.errorMessage(), secrets),
        Redaction.scrub(fields.errorDescription(), secrets),
        Redaction.scrub(fields.errorUri(), secrets),
        fields.errors().stream().map(error -> Redaction.scrub(error, secrets)).toList(),
        Redaction.scrub(fields.scope(), secrets));
    // Scrubbed before it is cut, so that no prefix of a secret survives at the cut.
    byte[] shown = secrets.isEmpty() ? body : Redaction.scrub(
        new String(body, java.nio.charset.StandardCharsets.UTF_8), secrets).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new ErrorResponse(response.statusCode(), response.headers(), scrubbed,
        BodyExcerpt.of(shown, response.headers()), retryAfter(response).orElse(null));
  }
}
