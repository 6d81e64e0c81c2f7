package io.priokit.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiExceptionTest {

  private static final FailureContext CALL =
      new FailureContext("GET https://host/v3.8/distributor/system/status", "ref-1", 3, true);

  @Test
  void everyDocumentedStatusHasItsOwnType() {
    Map<Integer, Class<?>> expected = Map.ofEntries(
        Map.entry(400, InvalidRequestException.class), Map.entry(401, AuthenticationFailedException.class),
        Map.entry(403, ForbiddenException.class), Map.entry(405, MethodNotAllowedException.class),
        Map.entry(406, NotAcceptableException.class), Map.entry(422, UnprocessableEntityException.class),
        Map.entry(429, LimitReachedException.class), Map.entry(500, InternalServerErrorException.class),
        Map.entry(501, NotImplementedException.class), Map.entry(502, BadGatewayException.class),
        Map.entry(503, ServiceUnavailableException.class), Map.entry(504, GatewayTimeoutException.class));

    expected.forEach((status, type) -> assertThat(ApiException.from(response(status, ErrorBody.EMPTY, ""), CALL))
        .as("status %d", status).isExactlyInstanceOf(type));
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 404, 407, 408, 409, 413, 418, 425, 431, 505, 599})
  void anyOtherStatusIsUnexpected(int status) {
    assertThat(ApiException.from(response(status, ErrorBody.EMPTY, ""), CALL))
        .isExactlyInstanceOf(UnexpectedStatusException.class);
  }

  @Test
  void messageIsOneLineWithStatusCodeDescriptionReferenceAndAttempts() {
    ErrorBody body = new ErrorBody("TEMPORARILY_UNAVAILABLE", "E-77", "Try later", "Upstream\nsupplier down",
        null, List.of("a", "b", "c", "d"), null);

    ApiException error = ApiException.from(response(503, body, "{...}"), CALL);

    assertThat(error.getMessage()).isEqualTo("503 Service Unavailable on GET https://host/v3.8/distributor/system/status: "
        + "TEMPORARILY_UNAVAILABLE: Upstream supplier down; errors=[a; b; c; +1 more] [error_reference=E-77], "
        + "retry after 30s (App-Reference=ref-1, attempts=3)");
    assertThat(error.retryAfter()).hasValue(Duration.ofSeconds(30));
    assertThat(error.attempts()).isEqualTo(3);
    assertThat(error.isRetryable()).isTrue();
  }

  @Test
  void messageQuotesANonJsonBodyOnOneLine() {
    ApiException error = ApiException.from(response(502, ErrorBody.EMPTY, "<html>\n  <h1>Bad gateway</h1>\n</html>"),
        FailureContext.NONE);

    assertThat(error.getMessage()).isEqualTo("502 Bad Gateway: body \"<html> <h1>Bad gateway</h1> </html>\"");
  }

  private static ErrorResponse response(int status, ErrorBody body, String excerpt) {
    return new ErrorResponse(status, HttpHeaders.of(Map.of(), (n, v) -> true), body, excerpt,
        status == 503 ? Duration.ofSeconds(30) : null);
  }
}
