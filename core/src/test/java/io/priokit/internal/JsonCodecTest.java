package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.error.ErrorBody;
import io.priokit.system.ResponseBody;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

  private final JsonCodec json = new JsonCodec();

  private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\r\n"})
  void blankSuccessBodyIsEmpty(String body) {
    assertThat(json.readBody(bytes(body), () -> NO_HEADERS)).isSameAs(ResponseBody.EMPTY);
  }

  @Test
  @SuppressWarnings("unchecked")
  void objectKeepsUnknownFieldsAsImmutableJdkValues() {
    ResponseBody body = json.readBody(bytes("{\"status\":\"OK\",\"n\":1.5,\"ok\":true,\"none\":null,"
        + "\"list\":[1,\"a\"],\"obj\":{\"k\":2}}"), () -> NO_HEADERS);

    assertThat(body.kind()).isEqualTo(ResponseBody.Kind.JSON);
    assertThat(body.fields()).containsEntry("status", "OK").containsEntry("n", 1.5)
        .containsEntry("ok", true).containsEntry("none", null)
        .containsEntry("list", List.of(1, "a")).containsEntry("obj", Map.of("k", 2));
    assertThat(body.string("status")).hasValue("OK");
    assertThatThrownBy(() -> ((Map<String, Object>) body.fields().get("obj")).put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> body.fields().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"System OK", "<html><body>OK</body></html>", "{\"a\":", "{} {}", "[1,"})
  void successBodyThatIsNotJsonIsKeptAsText(String body) {
    ResponseBody read = json.readBody(bytes(body), () -> NO_HEADERS);

    assertThat(read.kind()).isEqualTo(ResponseBody.Kind.TEXT);
    assertThat(read.text()).isEqualTo(body);
    assertThat(read.fields()).isEmpty();
    assertThat(read.json()).isEmpty();
  }

  @Test
  void invalidJsonUnderAJsonContentTypeIsKeptAsText() {
    ResponseBody read = json.readBody(bytes("System OK"), () -> headers("Content-Type", "application/json; charset=utf-8"));

    assertThat(read.kind()).isEqualTo(ResponseBody.Kind.TEXT);
    assertThat(read.text()).isEqualTo("System OK");
  }

  @Test
  void aJsonScalarUnderAJsonContentTypeIsJson() {
    ResponseBody read = json.readBody(bytes("\"OK\""), () -> headers("Content-Type", "application/problem+json"));

    assertThat(read.kind()).isEqualTo(ResponseBody.Kind.JSON);
    assertThat(read.json()).hasValue("OK");
    assertThat(read.fields()).isEmpty();
  }

  @Test
  void aJsonArrayIsJsonWithoutFields() {
    ResponseBody read = json.readBody(bytes("[1,2]"), () -> NO_HEADERS);

    assertThat(read.kind()).isEqualTo(ResponseBody.Kind.JSON);
    assertThat(read.json()).hasValue(List.of(1, 2));
  }

  @Test
  void textIsDecodedInTheCharsetTheContentTypeNames() {
    ResponseBody read = json.readBody("Syst\u00e8me OK".getBytes(StandardCharsets.ISO_8859_1),
        () -> headers("Content-Type", "text/plain; charset=ISO-8859-1"));

    assertThat(read.text()).isEqualTo("Syst\u00e8me OK");
  }

  @Test
  void theTokenAnswerMustBeOneObject() {
    assertThatThrownBy(() -> json.readObject(bytes("[1,2]"))).isInstanceOf(JsonCodec.MalformedJsonException.class);
    assertThatThrownBy(() -> json.readObject(bytes("{\"a\":"))).isInstanceOf(JsonCodec.MalformedJsonException.class);
  }

  private static HttpHeaders headers(String name, String value) {
    return HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true);
  }

  @Test
  void errorBodyReadsEveryDocumentedField() {
    ErrorBody body = json.readError(bytes("{\"error\":\"INVALID_REQUEST\",\"error_reference\":12345,"
        + "\"error_message\":\"m\",\"error_description\":\"d\",\"error_uri\":\"https://x\","
        + "\"errors\":[\"a\",{\"message\":\"b\"},{\"field\":\"c\"}],\"scope\":\"s\",\"extra\":1}"));

    assertThat(body).isEqualTo(new ErrorBody("INVALID_REQUEST", "12345", "m", "d", "https://x",
        List.of("a", "b", "{\"field\":\"c\"}"), "s"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "<html>502</html>", "{\"error\":", "[\"a\"]", "null", "{}"})
  void errorBodyThatIsNotADocumentedErrorIsEmpty(String body) {
    assertThat(json.readError(bytes(body))).isEqualTo(ErrorBody.EMPTY);
  }

  @Test
  void errorBodyCutsLongFieldsAndLongErrorLists() {
    String errors = "[" + String.join(",", java.util.Collections.nCopies(500, "\"e\"")) + "]";
    ErrorBody body = json.readError(bytes("{\"error_description\":\"" + "x".repeat(10_000) + "\",\"errors\":" + errors + "}"));

    assertThat(body.errorDescription()).hasSize(2_001).endsWith("…");
    assertThat(body.errors()).hasSize(100);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
