package io.priokit.internal;

import io.priokit.RetryPolicy;
import io.priokit.error.ApiException;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.error.ErrorBody;
import io.priokit.error.ErrorResponse;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a complete response into the call's result: any 2xx is a success, its body read as JSON or
 * text; any other status becomes its {@link ApiException} type, with every known secret scrubbed
 * from what the server echoed.
 */
final class ResponseMapper {

  private final JsonCodec json;
  private final RetryPolicy retryPolicy;
  private final TimeSource time;
  private final KnownSecrets secrets;

  ResponseMapper(JsonCodec json, RetryPolicy retryPolicy, TimeSource time, KnownSecrets secrets) {
    this.json = json;
    this.retryPolicy = retryPolicy;
    this.time = time;
    this.secrets = secrets;
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
    return factory.create(status, received.latency(), response::headers,
        json.readBody(response.body(), response::headers), call.appReference(), call.attempts());
  }

  ApiException toApiException(CallContext call, TransportResponse response) {
    return ApiException.from(errorResponse(response),
        call.failure(retryPolicy.isRetryable(response.statusCode())));
  }

  /**
   * The token endpoint's refusal: 400 and 401 (OAuth2 errors such as {@code invalid_client}) are
   * authentication failures; other statuses map as any response does.
   */
  ApiException toTokenError(CallContext call, TransportResponse response) {
    int status = response.statusCode();
    if (status == 400 || status == 401) {
      return new AuthenticationFailedException(errorResponse(response), call.failure(false));
    }
    return toApiException(call, response);
  }

  /** The wait the response asks for with {@code Retry-After}. */
  Optional<Duration> retryAfter(TransportResponse response) {
    return RetryAfter.of(response.headers(), time.instant());
  }

  /** The error response, with any secret the client sent scrubbed from what the server echoed. */
  private ErrorResponse errorResponse(TransportResponse response) {
    byte[] body = response.body();
    ErrorBody fields = json.readError(body);
    ErrorBody scrubbed = secrets.isEmpty() ? fields : new ErrorBody(
        secrets.scrub(fields.error()),
        secrets.scrub(fields.errorReference()),
        secrets.scrub(fields.errorMessage()),
        secrets.scrub(fields.errorDescription()),
        secrets.scrub(fields.errorUri()),
        fields.errors().stream().map(secrets::scrub).toList(),
        secrets.scrub(fields.scope()));
    // Scrubbed before it is cut, so that no prefix of a secret survives at the cut.
    byte[] shown = secrets.isEmpty() ? body
        : secrets.scrub(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    return new ErrorResponse(response.statusCode(), secrets.scrub(response.headers()), scrubbed,
        BodyExcerpt.of(shown, response.headers()), retryAfter(response).orElse(null));
  }
}
