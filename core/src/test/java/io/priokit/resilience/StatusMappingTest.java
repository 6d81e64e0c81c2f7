package io.priokit.resilience;

import static io.priokit.testkit.ScriptedTransport.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ApiException;
import io.priokit.error.AuthenticationFailedException;
import io.priokit.error.BadGatewayException;
import io.priokit.error.ClientErrorException;
import io.priokit.error.ForbiddenException;
import io.priokit.error.GatewayTimeoutException;
import io.priokit.error.InternalServerErrorException;
import io.priokit.error.InvalidRequestException;
import io.priokit.error.LimitReachedException;
import io.priokit.error.MethodNotAllowedException;
import io.priokit.error.NotAcceptableException;
import io.priokit.error.NotImplementedException;
import io.priokit.error.ServerErrorException;
import io.priokit.error.ServiceUnavailableException;
import io.priokit.error.UnexpectedStatusException;
import io.priokit.error.UnprocessableEntityException;
import io.priokit.contract.DocumentedErrors;
import io.priokit.spi.TransportRequest;
import io.priokit.system.SystemStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every status the API documents becomes its own type, with every field of the error body; any other
 * becomes {@link UnexpectedStatusException}; bodies that are not the documented JSON stay readable.
 * The transports pass statuses, headers and bodies through untouched ({@code HttpTransportContract}),
 * so the mapping is the pipeline's alone and is held here.
 */
class StatusMappingTest extends PipelineFixture {

  private static final RetryPolicy QUICK_RETRIES =
      RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(10));

  static Stream<Arguments> documentedStatuses() {
    return Stream.of(
        Arguments.of(400, InvalidRequestException.class, ClientErrorException.class, false),
        Arguments.of(401, AuthenticationFailedException.class, ClientErrorException.class, false),
        Arguments.of(403, ForbiddenException.class, ClientErrorException.class, false),
        Arguments.of(405, MethodNotAllowedException.class, ClientErrorException.class, false),
        Arguments.of(406, NotAcceptableException.class, ClientErrorException.class, false),
        Arguments.of(422, UnprocessableEntityException.class, ClientErrorException.class, false),
        Arguments.of(429, LimitReachedException.class, ClientErrorException.class, true),
        Arguments.of(500, InternalServerErrorException.class, ServerErrorException.class, false),
        Arguments.of(501, NotImplementedException.class, ServerErrorException.class, false),
        Arguments.of(502, BadGatewayException.class, ServerErrorException.class, true),
        Arguments.of(503, ServiceUnavailableException.class, ServerErrorException.class, true),
        Arguments.of(504, GatewayTimeoutException.class, ServerErrorException.class, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedStatuses")
  void documentedStatusBecomesItsTypeWithEveryBodyField(int status, Class<? extends ApiException> type,
      Class<? extends ApiException> group, boolean retryable) {
    api.always(STATUS, respond(status, DocumentedErrors.body(status), "Content-Type", "application/json",
        "X-Request-Id", "req-" + status));
    PriokitClient client = client(builder -> builder.retryPolicy(QUICK_RETRIES));

    ApiException error = catchThrowableOfType(type, () -> status(client));

    assertThat(error).isInstanceOf(group);
    int attempts = retryable ? QUICK_RETRIES.maxAttempts() : 1;
    DocumentedErrors.assertCarriesEveryField(error, status, attempts);
    assertThat(api.requests(STATUS)).hasSize(attempts);
    assertThat(error.isRetryable()).isEqualTo(retryable);
    TransportRequest last = api.requests(STATUS).get(attempts - 1);
    assertThat(error.appReference()).hasValue(last.headers().get("App-Reference"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {404, 407, 418, 599})
  void undocumentedStatusBecomesUnexpectedStatusWithItsBody(int status) {
    api.always(STATUS, respond(status, "no such thing here", "Content-Type", "text/plain"));

    UnexpectedStatusException error = catchThrowableOfType(UnexpectedStatusException.class, () -> status(client()));

    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(error.errorCode()).isEmpty();
    assertThat(error.bodyExcerpt()).isEqualTo("no such thing here");
    assertThat(error.isClientError()).isEqualTo(status < 500);
    assertThat(error.isRetryable()).isFalse();
    assertThat(error.getMessage()).contains(String.valueOf(status), "no such thing here");
  }

  @Test
  void htmlBadGatewayKeepsTheHtmlAsExcerpt() {
    String html = "<html>\n<head><title>502 Bad Gateway</title></head>\n"
        + "<body><center><h1>502 Bad Gateway</h1></center></body>\n</html>";
    api.always(STATUS, respond(502, html, "Content-Type", "text/html"));

    BadGatewayException error = catchThrowableOfType(BadGatewayException.class,
        () -> status(client(builder -> builder.retryPolicy(RetryPolicy.none()))));

    assertThat(error.errorCode()).isEmpty();
    assertThat(error.errors()).isEmpty();
    assertThat(error.bodyExcerpt()).isEqualTo(html);
    assertThat(error.getMessage()).contains("502 Bad Gateway").doesNotContain("\n");
  }

  @Test
  void emptyServiceUnavailableSaysTheBodyWasEmpty() {
    api.always(STATUS, respond(503, ""));

    ServiceUnavailableException error = catchThrowableOfType(ServiceUnavailableException.class,
        () -> status(client(builder -> builder.retryPolicy(RetryPolicy.none()))));

    assertThat(error.bodyExcerpt()).isEmpty();
    assertThat(error.errorCode()).isEmpty();
    assertThat(error.getMessage()).contains("503 Service Unavailable", "empty body");
  }

  @Test
  void nonJsonInvalidRequestKeepsTheText() {
    api.always(STATUS, respond(400, "Bad Request: missing header {", "Content-Type", "application/json"));

    InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class, () -> status(client()));

    assertThat(error.errorCode()).isEmpty();
    assertThat(error.bodyExcerpt()).isEqualTo("Bad Request: missing header {");
  }

  /** Calls status and lets virtual time run until it is done; throws what it failed with. */
  private void status(PriokitClient client) {
    CompletableFuture<SystemStatus> call = time.runUntilDone(client.async().status());
    try {
      call.join();
    } catch (CompletionException failed) {
      throw (RuntimeException) failed.getCause();
    }
  }
}
