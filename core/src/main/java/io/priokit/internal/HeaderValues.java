package io.priokit.internal;

/**
 * The one check of what may be sent as a header value: no control characters, which HTTP libraries
 * reject (or worse, let split a header). Public for the client package only; not API.
 */
public final class HeaderValues {

  private HeaderValues() {}

  /**
   * Whether the text holds a control character (below U+0020, or DEL).
   *
   * @param text a header value
   * @return {@code true} if it cannot be sent as it is
   */
  public static boolean hasControlCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
