package io.priokit.examples;

import io.priokit.ClientCredentials;
import io.priokit.Environment;
import io.priokit.PriokitClient;
import io.priokit.error.ApiException;
import io.priokit.error.PriokitException;
import io.priokit.system.HealthResponse;
import io.priokit.transport.jdk.JdkHttpTransport;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Calls ping and status once and prints the answers. With no arguments it starts a stand-in for the
 * API on loopback and calls that; given {@code --base-uri URI} or an environment name
 * ({@code production}, {@code sandbox}, {@code staging}, {@code internal}) it calls that instead,
 * with credentials from {@code PRIOTICKET_CLIENT_ID} and {@code PRIOTICKET_CLIENT_SECRET} if set.
 *
 * <p>Exit status: 0 when both calls succeed, 1 when the API answered with an error, 2 when it could
 * not be reached in time, 64 for bad arguments.
 */
public final class QuickStart {

  private QuickStart() {}

  /** @param args nothing, {@code --base-uri URI}, or an environment name */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    if (args.length == 0) {
      try (StandInApi standIn = StandInApi.start()) {
        out.println("No target given: calling a stand-in for the API at " + standIn.baseUri());
        return check(Environment.custom(standIn.baseUri()), out);
      }
    }
    boolean baseUri = args.length == 2 && args[0].equals("--base-uri");
    boolean named = args.length == 1 && !args[0].startsWith("-");
    if (!baseUri && !named) {
      out.println("Usage: QuickStart [--base-uri URI | production | sandbox | staging | internal]");
      return 64;
    }
    Environment environment;
    try {
      environment = baseUri ? Environment.custom(args[1]) : Environment.named(args[0]);
    } catch (PriokitException badTarget) {
      out.println(badTarget.getMessage());
      return 64;
    }
    return check(environment, out);
  }

  private static int check(Environment environment, PrintStream out) {
    PriokitClient.Builder builder = PriokitClient.builder()
        .environment(environment)
        .transport(JdkHttpTransport.factory());
    String clientId = System.getenv("PRIOTICKET_CLIENT_ID");
    String clientSecret = System.getenv("PRIOTICKET_CLIENT_SECRET");
    if (clientId != null && clientSecret != null) {
      builder.credentials(ClientCredentials.of(clientId, clientSecret));
    }
    try (PriokitClient client = builder.build()) {
      print(out, "ping", client.ping());
      print(out, "status", client.status());
      return 0;
    } catch (ApiException apiError) {
      out.println("API error: " + apiError.getMessage());
      return 1;
    } catch (PriokitException unreachable) {
      out.println("Failed: " + unreachable.getMessage());
      return unreachable instanceof io.priokit.error.ConfigurationException ? 64 : 2;
    }
  }

  private static void print(PrintStream out, String call, HealthResponse answer) {
    out.printf(Locale.ROOT, "%-6s %d in %d ms, App-Reference %s%s%n", call, answer.statusCode(),
        answer.latency().toMillis(), answer.appReference(),
        answer.body().isEmpty() ? "" : ", body " + answer.body().text());
  }
}
