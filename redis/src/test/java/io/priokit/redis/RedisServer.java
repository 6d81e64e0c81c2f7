package io.priokit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.priokit.contract.LocalPrograms;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway {@code redis-server} of the machine's own, on a free loopback port, with no persistence:
 * started per test class, and killed, restarted on the same port, frozen and thawed by the tests of
 * what the fleet does when Redis fails. Where no {@code redis-server} is installed the tests that need
 * it are skipped, unless {@link LocalPrograms#REQUIRE_SERVICES} is set (as {@code .ci/run} sets it),
 * which makes that a failure.
 */
final class RedisServer implements AutoCloseable {

  private final Path directory;
  private final int port;
  private Process process;
  private RedisClient inspector;

  private RedisServer(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** Starts a server, or skips the test where there is none to start. */
  static RedisServer start() throws IOException, InterruptedException {
    executable();
    for (int tries = 0; ; tries++) {
      RedisServer server = new RedisServer(Files.createTempDirectory("priokit-redis"), freePort());
      try {
        server.launch();
        return server;
      } catch (IOException portTaken) {
        server.close();
        if (tries == 4) {
          throw portTaken;
        }
      }
    }
  }

  /**
   * A connection of the test's own, to look at or change what the budget keeps; the test closes it,
   * and the client behind it closes with the server.
   */
  StatefulRedisConnection<String, String> connect() {
    if (inspector == null) {
      inspector = RedisClient.create(uri());
    }
    return inspector.connect();
  }

  /** The URI a client connects with. */
  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** The server process's id, for the tests that freeze it. */
  long pid() {
    return process.pid();
  }

  /** Kills the server as a crash would (SIGKILL): it keeps nothing, scripts included. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Starts the server again on the same port, empty. */
  void restart() throws IOException, InterruptedException {
    launch();
  }

  /** Stops the server answering without closing its connections (SIGSTOP), as a hung server would. */
  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Lets a frozen server answer again (SIGCONT). */
  void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  @Override
  public void close() {
    if (inspector != null) {
      inspector.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException leftBehind) {
      // A temporary directory the system cleans up anyway.
    }
  }

  private void launch() throws IOException, InterruptedException {
    process = new ProcessBuilder(List.of(executable(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", directory.toString(), "--logfile", ""))
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("redis.log").toFile())
        .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited at once (port " + port + " taken?): "
            + Files.readString(directory.resolve("redis.log")));
      }
      if (answersPing()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IOException("redis-server did not answer PING within 10 s");
  }

  private boolean answersPing() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException notYet) {
      return false;
    }
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + name + " failed");
    }
  }

  /** The machine's {@code redis-server}; skips the test, or fails it where CI requires it, without one. */
  private static String executable() {
    return LocalPrograms.require("redis-server", "redis-server").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
