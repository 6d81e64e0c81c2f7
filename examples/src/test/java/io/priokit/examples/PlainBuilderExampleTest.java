package io.priokit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  @Test
  void withoutArgumentsItCallsTheStandInAndPrintsBothAnswers() throws Exception {
    int exit = QuickStart.run(new String[0], out);

    assertThat(exit).isZero();
    assertThat(printed()).contains("calling a stand-in for the API at http://127.0.0.1:")
        .containsPattern("ping +200 in \\d+ ms")
        .containsPattern("status +200 in \\d+ ms, App-Reference [0-9a-f-]{36}, body \\{\"status\":\"OK\"");
  }

  @Test
  void anApiErrorExitsWithOne() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
    try {
      int exit = QuickStart.run(new String[] {"--base-uri", "http://127.0.0.1:" + server.getAddress().getPort()}, out);

      assertThat(exit).isEqualTo(1);
      assertThat(printed()).contains("API error: 503 Service Unavailable");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnreachableTargetExitsWithTwo() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    int exit = QuickStart.run(new String[] {"--base-uri", "http://127.0.0.1:" + port}, out);

    assertThat(exit).isEqualTo(2);
    assertThat(printed()).contains("Could not connect");
  }

  @Test
  void badArgumentsExitWithSixtyFour() throws Exception {
    assertThat(QuickStart.run(new String[] {"moon"}, out)).isEqualTo(64);
    assertThat(QuickStart.run(new String[] {"--base-uri"}, out)).isEqualTo(64);
    assertThat(printed()).contains("Unknown environment 'moon'", "Usage:");
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }
}
