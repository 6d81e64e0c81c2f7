package io.priokit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, run once per page: its DOM after scripts ran, or a screenshot. It exits
 * 0 even when a page failed to load, so callers assert on what it returns, never on its exit status.
 */
final class Chromium {

  private final Path executable;

  private Chromium(Path executable) {
    this.executable = executable;
  }

  /** The installed browser, if any. */
  static Optional<Chromium> find() {
    return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
        .map(Path::of).filter(Files::isExecutable).findFirst().map(Chromium::new);
  }

  /** The page's DOM after its scripts ran for up to {@code virtualMillis} of virtual time. */
  String dumpDom(String url, int virtualMillis) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", "--virtual-time-budget=" + virtualMillis, url), null);
  }

  /** A screenshot of the page after its scripts ran, written to {@code png}. */
  void screenshot(String url, int virtualMillis, Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1024,768",
        "--virtual-time-budget=" + virtualMillis, url), png);
  }

  private String run(List<String> what, Path png) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("priokit-chromium");
    Path output = Files.createTempFile("priokit-chromium", ".out");
    try {
      List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
          "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--log-level=3",
          "--user-data-dir=" + profile));
      command.addAll(what);
      Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("chromium did not finish within 90 s: " + command);
      }
      return Files.readString(output, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(output);
      try (Stream<Path> files = Files.walk(profile)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
