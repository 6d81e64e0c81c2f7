package io.priokit.internal;

import io.priokit.error.ApiException;
import io.priokit.error.DecodingException;
import io.priokit.error.ErrorResponse;
import io.priokit.spi.TransportResponse;
import io.priokit.system.JsonBody;
import java.time.Clock;

/**
 * Turns a complete response into the call's result: a 2xx body decoded into the result value, any
 * other status into its {@link ApiException} type.
 */
final class ResponseMapper {

  private final JsonCodec json;
  private final RetryPolicy retryPolicy;
  private final Clock clock;

  ResponseMapper(JsonCodec json, RetryPolicy retryPolicy, Clock clock) {
    this.json = json;
    this.retryPolicy = retryPolicy;
    this.clock = clock;
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
    byte[] body = response.body();
    ErrorResponse error = new ErrorResponse(
        response.statusCode(),
        response.headers(),
        json.readError(body),
        BodyExcerpt.of(body, response.headers()),
        RetryAfter.of(response.headers(), clock).orElse(null));
    return ApiException.from(error, call.failure(retryPolicy.isRetryable(response.statusCode())));
  }
}
