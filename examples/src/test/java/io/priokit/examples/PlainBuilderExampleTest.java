package io.priokit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainBuilderExampleTest {

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  @Test
  void withoutArgumentsItCallsASimulatorAndPrintsBothAnswers() throws Exception {
    int exit = PlainBuilderExample.run(new String[0], out);

    assertThat(exit).isZero();
    assertThat(printed()).contains("calling a Prioticket simulator at http://127.0.0.1:")
        .containsPattern("ping +200 in \\d+ ms")
        .containsPattern("status +200 in \\d+ ms, App-Reference [0-9a-f-]{36}, body \\{\"status\":\"OK\"");
  }

  @Test
  void anApiErrorExitsWithOne() throws Exception {
    try (PrioticketSimulator api = PrioticketSimulator.start().scenario(Scenario.failing(503))) {
      int exit = PlainBuilderExample.run(new String[] {"--base-uri", api.baseUri().toString()}, out);

      assertThat(exit).isEqualTo(1);
      assertThat(printed()).contains("API error: 503 Service Unavailable", "SERVICE_UNAVAILABLE", "attempts=3");
    }
  }

  @Test
  void anUnreachableTargetExitsWithTwo() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    int exit = PlainBuilderExample.run(new String[] {"--base-uri", "http://127.0.0.1:" + port}, out);

    assertThat(exit).isEqualTo(2);
    assertThat(printed()).contains("Could not connect");
  }

  @Test
  void badArgumentsExitWithSixtyFour() throws Exception {
    assertThat(PlainBuilderExample.run(new String[] {"moon"}, out)).isEqualTo(64);
    assertThat(PlainBuilderExample.run(new String[] {"--base-uri"}, out)).isEqualTo(64);
    assertThat(printed()).contains("Unknown environment 'moon'", "Usage:");
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }
}
