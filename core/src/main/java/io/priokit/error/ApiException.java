package io.priokit.error;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A response arrived with an error status. There is one final type per status the API documents,
 * grouped under {@link ClientErrorException} (4xx) and {@link ServerErrorException} (5xx); any other
 * status becomes {@link UnexpectedStatusException}. Use {@link #from} to get the right type for a
 * status.
 *
 * <p>The JSON error fields are exposed as they arrived; when the body was HTML, empty or not JSON,
 * they are empty and {@link #bodyExcerpt()} shows what came instead.
 */
public abstract sealed class ApiException extends PriokitException
    permits ClientErrorException, ServerErrorException, UnexpectedStatusException {

  private static final List<String> REQUEST_ID_HEADERS =
      List.of("X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-RequestId", "X-Amz-Cf-Id");

  private final transient ErrorResponse response;

  /**
   * Creates the exception for an error response.
   *
   * @param response the error response
   * @param context the call that received it
   */
  protected ApiException(ErrorResponse response, FailureContext context) {
    super(FailureMessages.api(response, context), null, context);
    this.response = Objects.requireNonNull(response, "response");
  }

  /**
   * Returns the exception type for the response's status: one of the twelve documented types, or
   * {@link UnexpectedStatusException} for any other status.
   *
   * @param response the error response
   * @param context the call that received it
   * @return the typed exception, ready to throw
   */
  public static ApiException from(ErrorResponse response, FailureContext context) {
    return switch (response.statusCode()) {
      case 400 -> new InvalidRequestException(response, context);
      case 401 -> new AuthenticationFailedException(response, context);
      case 403 -> new ForbiddenException(response, context);
      case 405 -> new MethodNotAllowedException(response, context);
      case 406 -> new NotAcceptableException(response, context);
      case 422 -> new UnprocessableEntityException(response, context);
      case 429 -> new LimitReachedException(response, context);
      case 500 -> new InternalServerErrorException(response, context);
      case 501 -> new NotImplementedException(response, context);
      case 502 -> new BadGatewayException(response, context);
      case 503 -> new ServiceUnavailableException(response, context);
      case 504 -> new GatewayTimeoutException(response, context);
      default -> new UnexpectedStatusException(response, context);
    };
  }

  /** {@return the whole error response: status, headers, parsed body and excerpt} */
  public ErrorResponse response() {
    return response;
  }

  /** {@return the HTTP status} */
  public int statusCode() {
    return response.statusCode();
  }

  /** {@return the machine code from the body's {@code error} field, for example {@code INVALID_REQUEST}} */
  public Optional<String> errorCode() {
    return Optional.ofNullable(response.body().error());
  }

  /** {@return the body's {@code error_reference}: the unique reference support asks for} */
  public Optional<String> errorReference() {
    return Optional.ofNullable(response.body().errorReference());
  }

  /** {@return the body's {@code error_message}: customer-friendly text that may be shown to end users} */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(response.body().errorMessage());
  }

  /** {@return the body's {@code error_description}: detail for developers} */
  public Optional<String> errorDescription() {
    return Optional.ofNullable(response.body().errorDescription());
  }

  /** {@return the body's {@code error_uri}: a page about the error} */
  public Optional<String> errorUri() {
    return Optional.ofNullable(response.body().errorUri());
  }

  /** {@return the body's {@code errors[]}: the specific problems; empty when there were none} */
  public List<String> errors() {
    return response.body().errors();
  }

  /** {@return the response headers} */
  public HttpHeaders headers() {
    return response.headers();
  }

  /** {@return the start of the raw response body, bounded in length; empty when there was no body} */
  public String bodyExcerpt() {
    return response.bodyExcerpt();
  }

  /** {@return how long the server asked the caller to wait before trying again ({@code Retry-After})} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(response.retryAfter());
  }

  /**
   * A request id a gateway or server added to the response ({@code X-Request-Id}, {@code Request-Id}
   * or a similar header), if any. Quote it with {@link #errorReference()} when asking for support.
   *
   * @return the request id header's value, if any
   */
  public Optional<String> requestId() {
    for (String name : REQUEST_ID_HEADERS) {
      Optional<String> value = response.headers().firstValue(name);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** {@return whether the status is in the 4xx range: the request must change before it can succeed} */
  public boolean isClientError() {
    return statusCode() >= 400 && statusCode() < 500;
  }

  /** {@return whether the API throttled the caller (429)} */
  public boolean isThrottling() {
    return statusCode() == 429;
  }
}
