package io.priokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.simulator.PrioticketSimulator;
import io.priokit.simulator.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as a user runs it: {@code java -jar priokit-health.jar}, from a directory outside the
 * repository, with only a JRE. Its exit status is the command's, and standard output carries nothing
 * but the command's output.
 */
class HealthJarIT {

  private static final Path JAR = Path.of(System.getProperty("priokit.health.jar", "target/priokit-health.jar"))
      .toAbsolutePath();
  private static Path elsewhere;
  private static PrioticketSimulator api;

  /** What a finished process left. */
  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void start() throws IOException {
    elsewhere = Files.createTempDirectory("priokit-health-run");
    api = PrioticketSimulator.start();
  }

  @AfterAll
  static void stop() throws IOException {
    api.close();
    try (var files = Files.list(elsewhere)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(elsewhere);
  }

  @Test
  void helpAndVersionExitZero() throws Exception {
    Run help = run("--help");
    Run version = run("--version");

    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: priokit-health").contains("--simulator", "Exit status");
    assertThat(help.err()).isEmpty();
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("priokit-health 0.1.0");
  }

  @Test
  void theEmbeddedSimulatorIsCheckedAndStandardOutputHoldsOnlyTheResults() throws Exception {
    Run run = run("--simulator", "--json");

    assertThat(run.exit()).isZero();
    assertThat(run.out().lines().toList()).hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("{\"check\":").contains("\"healthy\":true"));
    assertThat(run.err()).startsWith("Checking the embedded Prioticket simulator at");
  }

  @Test
  void anApiErrorExitsOneAndAnUnreachableApiTwo() throws Exception {
    api.scenario(Scenario.failing(503));
    Run failing = run("--base-uri", api.baseUri().toString(), "--timeout", "10s");
    api.scenario(Scenario.reset());
    Run unreachable = run("--base-uri", api.baseUri().toString(), "--timeout", "10s");
    api.scenario(Scenario.healthy());

    assertThat(failing.exit()).isEqualTo(1);
    assertThat(failing.out()).contains("DOWN  status ServiceUnavailableException: 503 Service Unavailable");
    assertThat(failing.err()).as("priokit's own warnings stay quiet").isEmpty();
    assertThat(unreachable.exit()).isEqualTo(2);
  }

  @Test
  void aCommandLineThatCannotRunExitsSixtyFourWithNothingOnStandardOutput() throws Exception {
    Run noTarget = run();
    Run unknown = run("--env", "sandbox", "--verbse");

    assertThat(noTarget.exit()).isEqualTo(64);
    assertThat(noTarget.out()).isEmpty();
    assertThat(noTarget.err()).contains("no target");
    assertThat(unknown.exit()).isEqualTo(64);
    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err()).contains("unknown option --verbse; did you mean --verbose");
  }

  @Test
  void theClassDataSharingArchiveBuiltWithTheJarFitsIt() throws Exception {
    Path archive = JAR.resolveSibling("priokit-health.jsa");

    // -Xshare:on refuses to start rather than run without the archive.
    Run run = run(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive), "--base-uri", api.baseUri().toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("UP    status 200");
  }

  private static Run run(String... args) throws Exception {
    return run(List.of(), args);
  }

  private static Run run(List<String> jvmOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = elsewhere.resolve("out.txt");
    Path err = elsewhere.resolve("err.txt");
    Process process = new ProcessBuilder(command).directory(elsewhere.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
