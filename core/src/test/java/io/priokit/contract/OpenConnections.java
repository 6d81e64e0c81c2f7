package io.priokit.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts the established TCP connections to a local port, from the kernel's table: what a leak
 * check needs and no HTTP library reports the same way. Linux only ({@code /proc/net/tcp}).
 */
final class OpenConnections {

  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private OpenConnections() {}

  /** Whether this machine has the kernel tables. */
  static boolean available() {
    return Files.isReadable(TABLES.get(0));
  }

  /** Established connections whose remote end is the port: the clients' side of each. */
  static int to(int port) {
    String remotePort = ":" + String.format(Locale.ROOT, "%04X", port);
    int count = 0;
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      try {
        for (String line : Files.readAllLines(table)) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length > 3 && fields[2].endsWith(remotePort) && fields[3].equals("01")) {
            count++;
          }
        }
      } catch (IOException unreadable) {
        throw new IllegalStateException("cannot read " + table, unreadable);
      }
    }
    return count;
  }
}
