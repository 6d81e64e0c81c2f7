package io.priokit.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.priokit.PriokitClient;
import io.priokit.contract.ScriptedServer;
import io.priokit.net.TlsOptions;
import io.priokit.spi.TransportRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the README promises of the JDK client's own shutdown: from JDK 21 closing the last transport
 * ends the client's selector thread at once; on JDK 17, which cannot shut a client down, recreating
 * clients in a loop does not leave a thread and descriptors behind for each until a full collection,
 * and clients of settings that are never asked for again are not kept from the collector.
 */
class JdkClientShutdownTest {

  @Test
  void recreatingClientsInALoopGrowsNeitherThreadsNorDescriptors() throws Exception {
    try (ScriptedServer server = ScriptedServer.start(out ->
        ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"))) {
      cycle(server);
      int threadsBefore = Thread.activeCount();
      long descriptorsBefore = openDescriptors();

      for (int i = 0; i < 200; i++) {
        cycle(server);
      }

      System.out.printf("200 create/call/close cycles on JDK %s: threads %d -> %d, descriptors %d -> %d%n",
          Runtime.version().feature(), threadsBefore, Thread.activeCount(), descriptorsBefore, openDescriptors());
      assertThat(Thread.activeCount() - threadsBefore).as("threads added").isLessThanOrEqualTo(8);
      if (descriptorsBefore >= 0) {
        assertThat(openDescriptors() - descriptorsBefore).as("descriptors added").isLessThanOrEqualTo(16);
      }
    }
  }

  @Test
  void clientsOfSettingsThatDifferEachTimeAreLeftToTheCollector() throws Exception {
    try (ScriptedServer server = ScriptedServer.start(out ->
        ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"))) {
      int before = selectorThreads().size();

      for (int i = 0; i < 20; i++) {
        // A new TlsOptions instance each time: settings no earlier client had.
        cycle(server, TlsOptions.builder().build());
      }

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (selectorThreads().size() > before + JdkClients.IDLE_KEPT && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(100);
      }
      assertThat(selectorThreads().size() - before).as("selector threads left after 20 distinct clients")
          .isLessThanOrEqualTo(JdkClients.IDLE_KEPT);
    }
  }

  private static void cycle(ScriptedServer server) {
    cycle(server, TlsOptions.defaults());
  }

  private static void cycle(ScriptedServer server, TlsOptions tls) {
    try (PriokitClient client = PriokitClient.builder().baseUri(server.baseUri()).tls(tls)
        .transport(JdkHttpTransport.factory()).build()) {
      assertThat(client.status().statusCode()).isEqualTo(200);
    }
  }

  /** The open file descriptors of this process (Linux), or -1 where they cannot be counted. */
  private static long openDescriptors() throws java.io.IOException {
    java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
    if (!java.nio.file.Files.isDirectory(fds)) {
      return -1;
    }
    try (java.util.stream.Stream<java.nio.file.Path> open = java.nio.file.Files.list(fds)) {
      return open.count();
    }
  }

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
