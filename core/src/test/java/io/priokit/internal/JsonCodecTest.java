package io.priokit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.priokit.error.ErrorBody;
import io.priokit.system.JsonBody;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

  private final JsonCodec json = new JsonCodec();

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\r\n"})
  void blankSuccessBodyIsEmpty(String body) throws Exception {
    assertThat(json.readObject(bytes(body))).isSameAs(JsonBody.EMPTY);
  }

  @Test
  @SuppressWarnings("unchecked")
  void objectKeepsUnknownFieldsAsImmutableJdkValues() throws Exception {
    JsonBody body = json.readObject(bytes("{\"status\":\"OK\",\"n\":1.5,\"ok\":true,\"none\":null,"
        + "\"list\":[1,\"a\"],\"obj\":{\"k\":2}}"));

    assertThat(body.fields()).containsEntry("status", "OK").containsEntry("n", 1.5)
        .containsEntry("ok", true).containsEntry("none", null)
        .containsEntry("list", List.of(1, "a")).containsEntry("obj", Map.of("k", 2));
    assertThat(body.string("status")).hasValue("OK");
    assertThatThrownBy(() -> ((Map<String, Object>) body.fields().get("obj")).put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2]", "\"OK\"", "System OK", "{\"a\":", "{} {}"})
  void successBodyThatIsNotOneObjectIsMalformed(String body) {
    assertThatThrownBy(() -> json.readObject(bytes(body))).isInstanceOf(JsonCodec.MalformedJsonException.class);
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
