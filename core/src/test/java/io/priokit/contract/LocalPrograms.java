package io.priokit.contract;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs of the machine's own that some tests start (tinyproxy, redis-server, chromium), found
 * on the {@code PATH}. Where one is missing, the tests that need it are skipped, saying how to install
 * it, unless {@value #REQUIRE_SERVICES} is set (as CI sets it), which makes that a failure: a green
 * CI run has run every case.
 */
public final class LocalPrograms {

  /** The environment variable that makes a missing program a failure rather than a skip. */
  public static final String REQUIRE_SERVICES = "PRIOKIT_REQUIRE_SERVICES";

  private LocalPrograms() {}

  /**
   * The first of {@code names} on the {@code PATH}; else skips the calling test, or fails it where
   * programs are required.
   *
   * @param debianPackage the package that installs it, for the message
   * @param names the program's names, in order of preference
   * @return the executable
   */
  public static Path require(String debianPackage, String... names) {
    Optional<Path> found = find(names);
    if (found.isPresent()) {
      return found.get();
    }
    String missing = names[0] + " is not installed (apt-get install -y " + debianPackage + ")";
    if (required()) {
      throw new AssertionError(missing + ", and " + REQUIRE_SERVICES + " is set.");
    }
    Assumptions.abort(missing + ": the cases that need it are skipped; set " + REQUIRE_SERVICES
        + "=1 to make this a failure.");
    throw new AssertionError("unreachable: abort throws");
  }

  /**
   * The first of {@code names} on the {@code PATH}.
   *
   * @param names the program's names, in order of preference
   * @return the executable, or empty
   */
  public static Optional<Path> find(String... names) {
    String[] directories = System.getenv().getOrDefault("PATH", "").split(File.pathSeparator);
    return Stream.of(names).flatMap(name -> Stream.of(directories).filter(directory -> !directory.isBlank())
        .map(directory -> Path.of(directory, name))).filter(Files::isExecutable).findFirst();
  }

  private static boolean required() {
    String value = System.getenv(REQUIRE_SERVICES);
    return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
  }
}
