package io.priokit.examples;

import io.priokit.ClientCredentials;
import io.priokit.PriokitClient;
import io.priokit.error.ApiException;
import io.priokit.error.ConfigurationException;
import io.priokit.error.PriokitException;
import io.priokit.system.HealthResponse;
import io.priokit.transport.jdk.JdkHttpTransport;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The plain builder, no framework: one client, a blocking ping and status, the answers printed.
 * Calls a simulator unless given an environment name or {@code --base-uri URI}; credentials, if any,
 * come from {@code PRIOTICKET_CLIENT_ID} and {@code PRIOTICKET_CLIENT_SECRET}.
 *
 * <p>Exit status: 0 when both calls succeed, 1 when the API answered with an error, 2 when it could
 * not be reached in time, 64 for bad arguments.
 */
public final class PlainBuilderExample {

  private PlainBuilderExample() {}

  /** @param args nothing, {@code --base-uri URI}, or an environment name */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    try (Target target = Target.from(args, out)) {
      PriokitClient.Builder builder = PriokitClient.builder()
          .environment(target.environment())
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
        return unreachable instanceof ConfigurationException ? 64 : 2;
      }
    } catch (IllegalArgumentException | ConfigurationException badArguments) {
      out.println(badArguments.getMessage());
      return 64;
    }
  }

  private static void print(PrintStream out, String call, HealthResponse answer) {
    out.printf(Locale.ROOT, "%-6s %d in %d ms, App-Reference %s%s%n", call, answer.statusCode(),
        answer.latency().toMillis(), answer.appReference(),
        answer.body().isEmpty() ? "" : ", body " + answer.body().text());
  }
}
