package io.priokit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.DecodingException;
import io.priokit.spi.HttpTransportFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a server sends, a call holds at most its body bound: a body of 64 MiB, declared or not,
 * and a gzip bomb that inflates to 256 MiB are refused with a typed error on a client whose whole
 * heap is 128 MiB, and their connections are closed. The build runs these tests in a JVM of their own
 * with {@code -Xmx128m} (the {@code small-heap} tag).
 */
@Tag("small-heap")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SmallHeapContract {

  private static final long SIXTY_FOUR_MIB = 64L << 20;

  private byte[] gzipBomb;

  /** How to create the transport under test. */
  protected abstract HttpTransportFactory transportFactory();

  @BeforeAll
  void checkTheHeapAndMakeTheBomb() throws IOException {
    assertThat(Runtime.getRuntime().maxMemory()).as("these tests prove nothing on a large heap")
        .isLessThanOrEqualTo(160L << 20);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) {
        gzip.write(zeros);
      }
    }
    gzipBomb = compressed.toByteArray();
  }

  Stream<Facade> facades() {
    return Stream.of(Facade.BLOCKING, Facade.ASYNC);
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facades")
  void aSixtyFourMebibyteBodyIsRefusedAtTheBoundAndItsConnectionClosed(Facade facade) throws Exception {
    assertBigBodyRefused(facade, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + SIXTY_FOUR_MIB + "\r\n\r\n", false);
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facades")
  void aSixtyFourMebibyteChunkedErrorBodyIsRefusedAtTheBoundAndItsConnectionClosed(Facade facade) throws Exception {
    assertBigBodyRefused(facade, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n", true);
  }

  @ParameterizedTest(name = "through {0}")
  @MethodSource("facades")
  void aGzipBombIsRefusedWithoutInflatingIt(Facade facade) throws Exception {
    try (ScriptedServer server = ScriptedServer.start(out -> {
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
          + "Content-Length: " + gzipBomb.length + "\r\n\r\n");
      out.write(gzipBomb);
      out.flush();
    }); PriokitClient client = client(server)) {
      DecodingException error = catchThrowableOfType(DecodingException.class, () -> facade.status(client));

      assertThat(error.isRetryable()).isFalse();
      assertThat(error.attempts()).isEqualTo(1);
      assertThat(error.getMessage()).contains("inflates to more than");
    }
  }

  @Test
  void manyBigBodiesInARowLeaveTheHeapAsTheyFoundIt() throws Exception {
    AtomicInteger served = new AtomicInteger();
    try (ScriptedServer server = ScriptedServer.start(out -> {
      served.incrementAndGet();
      stream(out, "HTTP/1.1 200 OK\r\nContent-Length: " + SIXTY_FOUR_MIB + "\r\n\r\n", false);
    }); PriokitClient client = client(server)) {
      for (int i = 0; i < 20; i++) {
        assertThat(catchThrowableOfType(DecodingException.class, () -> Facade.ASYNC.status(client))).isNotNull();
      }
      assertThat(served).hasValue(20);
    }
  }

  private void assertBigBodyRefused(Facade facade, String head, boolean chunked) throws Exception {
    AtomicLong written = new AtomicLong();
    try (ScriptedServer server = ScriptedServer.start(out -> written.set(stream(out, head, chunked)));
        PriokitClient client = client(server)) {
      DecodingException error = catchThrowableOfType(DecodingException.class, () -> facade.status(client));

      assertThat(error.isRetryable()).isFalse();
      assertThat(error.attempts()).isEqualTo(1);
      assertThat(error.getMessage()).contains("larger than " + (4 << 20) + " bytes");
      Polling.await(Duration.ofSeconds(10), () -> written.get() > 0);
      assertThat(written.get()).as("bytes the server got out before the client hung up")
          .isPositive().isLessThan(SIXTY_FOUR_MIB);
    }
  }

  /**
   * Writes the head and then up to 64 MiB of body, and returns how much went out before the client
   * hung up (the write then fails); 64 MiB if it never did.
   */
  private static long stream(OutputStream out, String head, boolean chunked) throws IOException {
    ScriptedServer.write(out, head);
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    long sent = 0;
    try {
      while (sent < SIXTY_FOUR_MIB) {
        if (chunked) {
          ScriptedServer.write(out, Integer.toHexString(chunk.length) + "\r\n");
        }
        out.write(chunk);
        if (chunked) {
          ScriptedServer.write(out, "\r\n");
        }
        sent += chunk.length;
      }
      out.flush();
    } catch (IOException hungUp) {
      return Math.max(sent, 1);
    }
    return sent;
  }

  private PriokitClient client(ScriptedServer server) {
    return PriokitClient.builder().baseUri(server.baseUri()).transport(transportFactory())
        .retryPolicy(RetryPolicy.none()).callTimeout(Duration.ofSeconds(30)).build();
  }
}
