package io.priokit.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.priokit.PriokitClient;
import java.io.IOException;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modules hide what is not API: this module's tests run on the module path, and a user's module
 * that imports priokit's internals does not compile against them.
 */
class ModuleBoundaryTest {

  @TempDir
  Path sources;

  @Test
  void theseTestsRunInsideTheNamedModules() {
    assertThat(JdkHttpTransport.class.getModule().getName()).isEqualTo("io.priokit.transport.jdk");
    assertThat(PriokitClient.class.getModule().getName()).isEqualTo("io.priokit.core");
  }

  @Test
  void coreExportsItsApiAndThePortButNotThePipeline() {
    Module core = PriokitClient.class.getModule();

    assertThat(List.of("io.priokit", "io.priokit.auth", "io.priokit.error", "io.priokit.observe",
        "io.priokit.spi", "io.priokit.system")).allSatisfy(api -> assertThat(core.isExported(api)).as(api).isTrue());
    assertThat(core.getPackages()).contains("io.priokit.internal");
    assertThat(core.isExported("io.priokit.internal")).isFalse();
  }

  @Test
  void aUserModuleThatImportsTheInternalsDoesNotCompile() throws IOException {
    List<String> errors = compileUserModule("import io.priokit.internal.CallPipeline;",
        "CallPipeline pipeline;");

    assertThat(errors).anySatisfy(error -> assertThat(error.toLowerCase(Locale.ROOT))
        .contains("io.priokit.internal").containsAnyOf("not visible", "does not export"));
  }

  @Test
  void theSameUserModuleCompilesAgainstTheExportedPort() throws IOException {
    List<String> errors = compileUserModule("import io.priokit.spi.HttpTransport;", "HttpTransport transport;");

    assertThat(errors).isEmpty();
  }

  /** Compiles a module {@code com.example.user} that requires priokit's transport module; returns the errors. */
  private List<String> compileUserModule(String importLine, String field) throws IOException {
    Path module = sources.resolve("com.example.user");
    Files.createDirectories(module.resolve("com/example/user"));
    Files.writeString(module.resolve("module-info.java"),
        "module com.example.user { requires io.priokit.transport.jdk; }");
    Files.writeString(module.resolve("com/example/user/Shop.java"),
        "package com.example.user;\n" + importLine + "\nclass Shop { " + field + " }\n");
    Path output = Files.createDirectories(sources.resolve("out"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = new ArrayList<>(List.of("--release", "17", "-d", output.toString(),
          "--module-path", modulePath(), "--module-source-path", sources.toString(),
          "--module", "com.example.user"));
      boolean compiled = javac.getTask(null, files, diagnostics, options, null, null).call();
      List<String> errors = diagnostics.getDiagnostics().stream()
          .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
          .map(diagnostic -> diagnostic.getMessage(Locale.ROOT)).toList();
      assertThat(compiled).as("compiled (errors: %s)", errors).isEqualTo(errors.isEmpty());
      return errors;
    }
  }

  /** Where the running priokit modules and the modules they read were loaded from. */
  private static String modulePath() {
    return ModuleLayer.boot().configuration().modules().stream()
        .map(ResolvedModule::reference)
        .filter(reference -> reference.location().filter(location -> location.getScheme().equals("file")).isPresent())
        .map(reference -> Path.of(reference.location().map(URI::getPath).orElseThrow()).toString())
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }
}
