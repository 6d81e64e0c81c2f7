package io.priokit.examples;

import io.priokit.PriokitClient;
import io.priokit.system.SystemPing;
import io.priokit.system.SystemStatus;
import io.priokit.transport.apache.ApacheHttpTransport;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An asynchronous application over Apache HttpClient 5: ping and status start together, their
 * futures are combined, and nothing blocks until the program waits for its one answer at the end.
 */
public final class AsyncApacheExample {

  private AsyncApacheExample() {}

  /** @param args nothing, {@code --base-uri URI}, or an environment name */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    try (Target target = Target.from(args, out);
        PriokitClient client = PriokitClient.builder()
            .environment(target.environment())
            .transport(ApacheHttpTransport.factory())
            .maxConnections(20)
            .build()) {
      CompletableFuture<SystemPing> ping = client.async().ping();
      CompletableFuture<SystemStatus> status = client.async().status();

      String summary = ping.thenCombine(status, (p, s) -> "ping " + p.statusCode() + " in "
              + p.latency().toMillis() + " ms, status " + s.statusCode() + " in " + s.latency().toMillis() + " ms")
          .exceptionally(failure -> "Prioticket unavailable: " + failure.getCause().getMessage())
          .get(30, TimeUnit.SECONDS);

      out.println("transport: " + client.transportName());
      out.println(summary);
      return summary.startsWith("ping") ? 0 : 1;
    }
  }
}
