package io.priokit.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.priokit.error.ErrorBody;
import io.priokit.system.ResponseBody;
import java.net.http.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place that knows Jackson: reads response bodies into JDK values and writes request bodies.
 * Nothing outside this class sees a Jackson type.
 */
final class JsonCodec {

  /** Longest text kept from one field of an error body. */
  private static final int MAX_FIELD_CHARS = 2_000;

  /** Most entries kept from an error body's {@code errors[]}. */
  private static final int MAX_ERRORS = 100;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** Reads straight into maps, lists and JDK values, with the type resolved once, not per body. */
  private static final ObjectReader VALUE_READER = MAPPER.readerFor(Object.class);

  /** Thrown when a body that must be JSON is not. */
  static final class MalformedJsonException extends Exception {
    MalformedJsonException(String problem, Throwable cause) {
      super(problem, cause);
    }
  }

  /**
   * Reads a JSON object, for the token endpoint's answer.
   *
   * @param body the raw body
   * @return the top-level fields, in the order they came
   * @throws MalformedJsonException if the body is not a JSON object
   */
  Map<String, Object> readObject(byte[] body) throws MalformedJsonException {
    JsonNode tree = parse(body);
    if (!tree.isObject()) {
      throw new MalformedJsonException("expected a JSON object but found " + describe(tree), null);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      fields.put(field.getKey(), toJava(field.getValue()));
    }
    return fields;
  }

  /**
   * Reads a success body, never failing: JSON when its content type says JSON or, when the type says
   * nothing about it, when it starts like a JSON object or array and parses; text otherwise.
   *
   * @param body the raw body, decoded from gzip
   * @param headers the response headers, for the content type and charset; asked for only when the
   *     body does not start like JSON
   * @return the body
   */
  ResponseBody readBody(byte[] body, Supplier<HttpHeaders> headers) {
    if (isBlank(body)) {
      return ResponseBody.EMPTY;
    }
    if (startsLikeJson(body) || saysJson(headers.get())) {
      try {
        return ResponseBody.json(new String(body, StandardCharsets.UTF_8), unmodifiable(VALUE_READER.readValue(body)));
      } catch (IOException notJson) {
        // Kept as the text it is: a 2xx is a success whatever its body.
      }
    }
    return ResponseBody.text(BodyExcerpt.decode(body, headers.get()));
  }

  /**
   * Reads the API's error body leniently: whatever is not a JSON object with the documented fields
   * gives {@link ErrorBody#EMPTY}, never a failure. Long fields and long {@code errors[]} are cut.
   *
   * @param body the raw body, which may be HTML, empty, truncated or megabytes long
   * @return the fields found
   */
  ErrorBody readError(byte[] body) {
    if (!startsLikeObject(body)) {
      return ErrorBody.EMPTY;
    }
    JsonNode tree;
    try {
      tree = parse(body);
    } catch (MalformedJsonException notJson) {
      return ErrorBody.EMPTY;
    }
    if (!tree.isObject()) {
      return ErrorBody.EMPTY;
    }
    return new ErrorBody(
        text(tree.get("error")),
        text(tree.get("error_reference")),
        text(tree.get("error_message")),
        text(tree.get("error_description")),
        text(tree.get("error_uri")),
        errors(tree.get("errors")),
        text(tree.get("scope")));
  }

  /**
   * Writes a map of JDK values as a JSON object.
   *
   * @param fields the fields
   * @return UTF-8 JSON
   */
  byte[] write(Map<String, ?> fields) {
    try {
      return MAPPER.writeValueAsBytes(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException unwritable) {
      throw new IllegalArgumentException("fields cannot be written as JSON", unwritable);
    }
  }

  private static JsonNode parse(byte[] body) throws MalformedJsonException {
    try {
      JsonNode tree = MAPPER.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw new MalformedJsonException("no JSON value", null);
      }
      return tree;
    } catch (IOException e) {
      throw new MalformedJsonException("not valid JSON (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  /** Jackson's maps and lists, made unmodifiable in place: wrapped, not copied. */
  @SuppressWarnings("unchecked")
  private static Object unmodifiable(Object value) {
    if (value instanceof Map<?, ?> map) {
      ((Map<Object, Object>) map).replaceAll((key, field) -> unmodifiable(field));
      return Collections.unmodifiableMap(map);
    }
    if (value instanceof List<?> list) {
      ((List<Object>) list).replaceAll(JsonCodec::unmodifiable);
      return Collections.unmodifiableList(list);
    }
    return value;
  }

  private static Object toJava(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        map.put(field.getKey(), toJava(field.getValue()));
      }
      return Collections.unmodifiableMap(map);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(element -> list.add(toJava(element)));
      return Collections.unmodifiableList(list);
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNull()) {
      return null;
    }
    return node.asText();
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    String text = node.isValueNode() ? node.asText() : node.toString();
    return text.length() <= MAX_FIELD_CHARS ? text : text.substring(0, MAX_FIELD_CHARS) + "…";
  }

  /** {@code errors[]} holds strings, or objects with a message; anything else is kept as JSON text. */
  private static List<String> errors(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      String single = text(node);
      return single == null ? List.of() : List.of(single);
    }
    List<String> errors = new ArrayList<>(Math.min(node.size(), MAX_ERRORS));
    for (JsonNode element : node) {
      if (errors.size() == MAX_ERRORS) {
        break;
      }
      JsonNode message = element.isObject() ? element.get("message") : null;
      String text = text(message != null ? message : element);
      if (text != null) {
        errors.add(text);
      }
    }
    return errors;
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  private static boolean saysJson(HttpHeaders headers) {
    String type = headers.firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
    int parameters = type.indexOf(';');
    String mediaType = (parameters < 0 ? type : type.substring(0, parameters)).strip();
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  private static boolean startsLikeJson(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[';
      }
    }
    return false;
  }

  private static boolean startsLikeObject(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }

  private static String describe(JsonNode tree) {
    return tree.isArray() ? "an array" : tree.isTextual() ? "a string" : "a " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
