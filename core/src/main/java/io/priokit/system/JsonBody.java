package io.priokit.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A raw view of a JSON object the API answered with, including fields the documentation does not
 * name. Values are plain Java: {@link String}, {@link Number}, {@link Boolean}, {@link List},
 * {@link Map} or {@code null}. An empty response body is an empty {@code JsonBody}.
 *
 * @param text the body as received (empty when there was none)
 * @param fields the top-level fields, in the order they arrived; unmodifiable
 */
public record JsonBody(String text, Map<String, Object> fields) {

  /** The body of a response that had none. */
  public static final JsonBody EMPTY = new JsonBody("", Map.of());

  /** Keeps the fields unmodifiable and in their original order. */
  public JsonBody {
    Objects.requireNonNull(text, "text");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Whether the response had no body at all. */
  public boolean isEmpty() {
    return text.isEmpty();
  }

  /** The value of a top-level field, if present and not {@code null}. */
  public Optional<Object> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** The value of a top-level field as text, if present and a JSON string. */
  public Optional<String> string(String name) {
    return field(name).filter(String.class::isInstance).map(String.class::cast);
  }
}
