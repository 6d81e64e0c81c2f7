package io.priokit.cli;

import java.util.Map;

/** Writes the command's flat JSON objects: strings, numbers, booleans and nulls, in the map's order. */
final class JsonText {

  private JsonText() {}

  static String object(Map<String, ?> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach((name, value) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      string(json, name);
      json.append(':');
      value(json, value);
    });
    return json.append('}').toString();
  }

  private static void value(StringBuilder json, Object value) {
    if (value == null) {
      json.append("null");
    } else if (value instanceof Number || value instanceof Boolean) {
      json.append(value);
    } else {
      string(json, value.toString());
    }
  }

  static void string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            // Control characters must be escaped; <, > and & too, so that JSON inlined in a page stays text.
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
