package io.priokit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of priokit itself, written into a resource at build time. */
public final class PriokitVersion {

  private static final String VERSION = load();

  private PriokitVersion() {}

  /** The version, such as {@code 0.1.0}, or {@code unknown} when the resource is missing. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = PriokitVersion.class.getResourceAsStream("/io/priokit/priokit.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException unreadable) {
      return "unknown";
    }
  }
}
