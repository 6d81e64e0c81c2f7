package io.priokit.internal;

/**
 * The one check of what may be sent as a header value: visible ASCII, with spaces and tabs between
 * words, and not too long. HTTP libraries refuse the rest at send time (or send {@code ?} in place of
 * what they cannot encode), and a line break would split a header, so the client refuses it where it
 * is configured. Public for the client package only; not API.
 */
public final class HeaderValues {

  /** The longest {@code App-*} value accepted: far above any real one, far below what servers refuse. */
  public static final int MAX_LENGTH = 1024;

  /** The longest credential accepted: access tokens (JWTs among them) run to a few kilobytes. */
  public static final int MAX_CREDENTIAL_LENGTH = 8192;

  private HeaderValues() {}

  /**
   * Why the text cannot be sent as a header value of at most {@link #MAX_LENGTH} characters, if it
   * cannot.
   *
   * @param text a header value
   * @return what is wrong with it, in words, or {@code null} when it can be sent
   */
  public static String problem(String text) {
    return problem(text, MAX_LENGTH);
  }

  /**
   * Why the text cannot be sent as a header value of at most {@code maxLength} characters, if it
   * cannot. The words never quote the text, which may be a secret.
   *
   * @param text a header value
   * @param maxLength the longest value accepted
   * @return what is wrong with it, in words, or {@code null} when it can be sent
   */
  public static String problem(String text, int maxLength) {
    if (text == null || text.isBlank()) {
      return "it is empty";
    }
    if (text.length() > maxLength) {
      return "it is " + text.length() + " characters long, more than " + maxLength;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return "it holds a control character (U+" + String.format("%04X", (int) c) + ") at position " + i;
      }
      if (c > 0x7e) {
        return "it holds a character HTTP headers cannot carry (U+" + String.format("%04X", (int) c)
            + ") at position " + i + "; only visible ASCII and spaces can be sent";
      }
    }
    if (text.charAt(0) == ' ' || text.charAt(0) == '\t' || text.endsWith(" ") || text.endsWith("\t")) {
      return "it starts or ends with white space, which HTTP drops";
    }
    return null;
  }

  /**
   * Whether the text can be sent as a header value.
   *
   * @param text a header value
   * @return {@code true} if {@link #problem} finds nothing wrong
   */
  public static boolean isSendable(String text) {
    return problem(text) == null;
  }
}
