package io.priokit.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a successful answer, as it came: JSON when it is JSON (by its content type, or by its
 * content when the type says nothing), text otherwise, or empty. The API documents no body for ping
 * and only "System OK" for status, so any of the three is a healthy answer.
 *
 * <p>JSON values are plain Java: {@link String}, {@link Number}, {@link Boolean}, {@link List},
 * {@link Map} or {@code null}.
 */
public final class ResponseBody {

  /** What a body holds. */
  public enum Kind {
    /** Nothing, or only whitespace. */
    EMPTY,
    /** A JSON value, usually an object. */
    JSON,
    /** Text that is not JSON, such as {@code System OK} or an HTML page. */
    TEXT
  }

  /** The body of an answer that had none. */
  public static final ResponseBody EMPTY = new ResponseBody(Kind.EMPTY, "", null);

  private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

  private final Kind kind;
  private final String text;
  private final Object json;

  private ResponseBody(Kind kind, String text, Object json) {
    this.kind = kind;
    this.text = Objects.requireNonNull(text, "text");
    // A map already unmodifiable (as the client's parser gives it) is kept; any other is copied.
    this.json = json instanceof Map<?, ?> fields && fields.getClass() != UNMODIFIABLE_MAP
        ? Collections.unmodifiableMap(new LinkedHashMap<>(fields)) : json;
  }

  /**
   * A JSON body.
   *
   * @param text the body as received
   * @param value the parsed value: a {@code Map} for an object
   * @return the body
   */
  public static ResponseBody json(String text, Object value) {
    return new ResponseBody(Kind.JSON, text, value);
  }

  /**
   * A body that is not JSON.
   *
   * @param text the body as received
   * @return the body, or {@link #EMPTY} when the text is blank
   */
  public static ResponseBody text(String text) {
    return text.isBlank() ? EMPTY : new ResponseBody(Kind.TEXT, text, null);
  }

  /** {@return what the body holds} */
  public Kind kind() {
    return kind;
  }

  /** {@return the body as received, decoded as text; empty when there was none} */
  public String text() {
    return text;
  }

  /** {@return whether the answer had no body} */
  public boolean isEmpty() {
    return kind == Kind.EMPTY;
  }

  /** {@return whether the body is JSON} */
  public boolean isJson() {
    return kind == Kind.JSON;
  }

  /** {@return the parsed JSON value, if the body is JSON and not {@code null}} */
  public Optional<Object> json() {
    return Optional.ofNullable(json);
  }

  /** {@return the top-level fields when the body is a JSON object, in the order they came; else empty} */
  @SuppressWarnings("unchecked")
  public Map<String, Object> fields() {
    return json instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /**
   * The value of a top-level field of a JSON object, if present and not {@code null}.
   *
   * @param name the field name
   * @return the value, if present and not null
   */
  public Optional<Object> field(String name) {
    return Optional.ofNullable(fields().get(name));
  }

  /**
   * The value of a top-level field of a JSON object as text, if present and a JSON string.
   *
   * @param name the field name
   * @return the value as text, if present and not null
   */
  public Optional<String> string(String name) {
    return field(name).filter(String.class::isInstance).map(String.class::cast);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResponseBody that && kind == that.kind && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + text.hashCode();
  }

  /** The kind and size only: a body can be long. */
  @Override
  public String toString() {
    return "ResponseBody[" + kind + ", " + text.length() + " chars]";
  }
}
