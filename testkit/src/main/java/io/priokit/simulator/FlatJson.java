package io.priokit.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a flat JSON object, such as the token endpoint's grant, into its members as text. The testkit
 * depends on core and the JDK alone, and the grant is all it ever reads.
 */
final class FlatJson {

  private final String text;
  private int position;

  private FlatJson(String text) {
    this.text = text;
  }

  /**
   * The members of a JSON object whose values are strings, numbers, booleans or null.
   *
   * @param text the JSON text
   * @return the members in order, each value as its text ({@code null} for JSON null)
   * @throws IllegalArgumentException for anything else, saying where
   */
  static Map<String, String> parse(String text) {
    FlatJson reader = new FlatJson(text);
    Map<String, String> members = reader.object();
    reader.skipSpace();
    if (reader.position != text.length()) {
      throw reader.error("text after the object");
    }
    return members;
  }

  private Map<String, String> object() {
    Map<String, String> members = new LinkedHashMap<>();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      position++;
      return members;
    }
    while (true) {
      skipSpace();
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      members.put(name, value());
      skipSpace();
      char next = next();
      if (next == '}') {
        return members;
      }
      if (next != ',') {
        throw error("expected , or }");
      }
    }
  }

  private String value() {
    char first = peek();
    if (first == '"') {
      return string();
    }
    int start = position;
    while (position < text.length() && "-+.0123456789eEtruefalsn".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    String literal = text.substring(start, position);
    if (literal.equals("null")) {
      return null;
    }
    if (literal.equals("true") || literal.equals("false") || literal.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
      return literal;
    }
    throw error("expected a string, number, boolean or null");
  }

  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return value.toString();
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escaped = next();
      switch (escaped) {
        case '"', '\\', '/' -> value.append(escaped);
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          if (position + 4 > text.length()) {
            throw error("a \\u escape needs four hex digits");
          }
          try {
            value.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          } catch (NumberFormatException notHex) {
            throw error("a \\u escape needs four hex digits");
          }
          position += 4;
        }
        default -> throw error("unknown escape \\" + escaped);
      }
    }
  }

  private void expect(char wanted) {
    if (next() != wanted) {
      throw error("expected " + wanted);
    }
  }

  private char peek() {
    if (position >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(position);
  }

  private char next() {
    char c = peek();
    position++;
    return c;
  }

  private void skipSpace() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not a flat JSON object: " + what + " at offset " + position);
  }
}
