package io.priokit.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.priokit.contract.ScriptedServer;
import io.priokit.spi.TransportRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the README promises of the JDK client's own shutdown, tested on the JDK that has it: from JDK
 * 21 closing the transport ends the client's selector thread at once, without waiting for the client
 * to be garbage collected as JDK 17 must.
 */
class JdkClientShutdownTest {

  @Test
  void onJdk21AndLaterClosingEndsTheSelectorThreadAtOnce() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21,
        "HttpClient.shutdownNow() came with JDK 21; this JVM is " + Runtime.version());
    try (ScriptedServer server = ScriptedServer.start(out ->
        ScriptedServer.write(out, "HTTP/1.1 204 No Content\r\n\r\n"))) {
      List<Thread> before = selectorThreads();
      JdkHttpTransport transport = JdkHttpTransport.create();
      transport.send(TransportRequest.get(server.baseUri(), Map.of(), 1024));
      assertThat(selectorThreads()).hasSizeGreaterThan(before.size());

      transport.close();

      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (selectorThreads().size() > before.size() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(selectorThreads()).as("selector threads, with no garbage collection asked for")
          .hasSameSizeAs(before);
    }
  }

  private static List<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().endsWith("SelectorManager") && thread.isAlive()).toList();
  }
}
