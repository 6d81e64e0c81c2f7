package io.priokit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.error.ApiException;
import io.priokit.error.ForbiddenException;

/**
 * The API's error body as a test server answers it, with every documented field distinct per status,
 * and the check that an error carries all of them: for the status mapping in virtual time and end to
 * end alike.
 */
public final class DocumentedErrors {

  private DocumentedErrors() {}

  /** A realistic error body with every documented field, distinct per status. */
  public static String body(int status) {
    String scope = status == 403 ? ",\"scope\":\"system:status\"" : "";
    return "{\"error\":\"CODE_" + status + "\","
        + "\"error_reference\":\"ref-" + status + "\","
        + "\"error_message\":\"Something went wrong (" + status + ")\","
        + "\"error_description\":\"Developer detail for " + status + "\","
        + "\"error_uri\":\"https://support.prioticket.com/errors/" + status + "\","
        + "\"errors\":[\"first problem\",\"second problem\"]" + scope + "}";
  }

  /**
   * Checks that the error carries every field of {@link #body}, the request id a server added as
   * {@code X-Request-Id: req-STATUS}, and a message with the status, code, detail, reference, the
   * call's {@code App-Reference} and its attempts.
   */
  public static void assertCarriesEveryField(ApiException error, int status, int attempts) {
    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(error.errorCode()).hasValue("CODE_" + status);
    assertThat(error.errorReference()).hasValue("ref-" + status);
    assertThat(error.errorMessage()).hasValue("Something went wrong (" + status + ")");
    assertThat(error.errorDescription()).hasValue("Developer detail for " + status);
    assertThat(error.errorUri()).hasValue("https://support.prioticket.com/errors/" + status);
    assertThat(error.errors()).containsExactly("first problem", "second problem");
    assertThat(error.requestId()).hasValue("req-" + status);
    assertThat(error.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(error.attempts()).isEqualTo(attempts);
    assertThat(error.getMessage())
        .contains(String.valueOf(status), "CODE_" + status, "Developer detail for " + status,
            "ref-" + status, "App-Reference=" + error.appReference().orElseThrow(), "attempts=" + attempts);
    if (error instanceof ForbiddenException forbidden) {
      assertThat(forbidden.scope()).hasValue("system:status");
    }
  }
}
