package io.priokit.internal;

import java.net.URI;
import java.util.Locale;

/** Recognises loopback hosts without a DNS lookup: plaintext to them never leaves the machine. */
public final class Loopback {

  private Loopback() {}

  /**
   * @param uri an absolute URI
   * @return whether its host is {@code localhost}, a {@code 127.0.0.0/8} address or {@code ::1}
   */
  public static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.matches("127(\\.\\d{1,3}){3}")
        || host.equals("::1")
        || host.matches("(0{1,4}:){7}0{0,3}1");
  }
}
