package io.priokit.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.system.SystemStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmarks compare like with like: every caller reads the same answer, blocking and async. */
class StatusCallerTest {

  private static BenchServer server;

  @BeforeAll
  static void start() throws Exception {
    server = BenchServer.start(Duration.ZERO);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"jdk,raw", "jdk,priokit", "jdk,priokit-observed", "apache,raw", "apache,priokit", "vertx,raw",
      "vertx,priokit"})
  void everyCallerReadsTheStatusBlockingAndAsync(String transport, String client) throws Exception {
    try (StatusCaller caller = StatusCaller.create(transport, client, server.baseUri(), 4)) {
      Object blocking = caller.call();
      Object async = caller.callAsync().get();

      for (Object answer : new Object[] {blocking, async}) {
        if (answer instanceof SystemStatus status) {
          assertThat(status.body().string("status")).hasValue("OK");
        } else {
          assertThat(answer).isEqualTo("OK");
        }
      }
    }
  }
}
