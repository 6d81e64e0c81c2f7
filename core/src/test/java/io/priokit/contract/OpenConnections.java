package io.priokit.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

  /**
   * Established connections whose remote end is the port (the clients' side of each), counting only
   * those found in two reads in a row. The kernel writes its table bucket by bucket while sockets
   * come and go, so one read is no snapshot: a pool that closes one connection and opens another
   * during the read can show both, one more than it ever held.
   */
  static int to(int port) {
    Set<String> stable = clientEnds(port);
    stable.retainAll(clientEnds(port));
    return stable.size();
  }

  /** The local ends of the established connections to the port, from one read of the tables. */
  private static Set<String> clientEnds(int port) {
    String remotePort = ":" + String.format(Locale.ROOT, "%04X", port);
    Set<String> localEnds = new HashSet<>();
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      try {
        for (String line : Files.readAllLines(table)) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length > 3 && fields[2].endsWith(remotePort) && fields[3].equals("01")) {
            localEnds.add(fields[1]);
          }
        }
      } catch (IOException unreadable) {
        throw new IllegalStateException("cannot read " + table, unreadable);
      }
    }
    return localEnds;
  }
}
