package io.priokit.cli;

import java.util.Arrays;

/**
 * The entry point of {@code java -jar priokit-health.jar}: quiet logging unless {@code --verbose}, then
 * the command, whose exit status becomes the process's.
 */
public final class Main {

  private Main() {}

  /**
   * Runs {@code priokit-health} and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    configureLogging(Arrays.asList(args).contains("--verbose"));
    System.exit(HealthCommand.run(args, System.getenv(), System.out, System.err));
  }

  /**
   * The command prints every failure itself, so priokit's own WARN for a failed call would say it twice;
   * {@code --verbose} shows the pipeline at work instead. Set before any logger exists, and only where
   * the caller has not chosen otherwise with {@code -D}.
   */
  private static void configureLogging(boolean verbose) {
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "error");
    setIfAbsent("org.slf4j.simpleLogger.log.io.priokit", verbose ? "debug" : "off");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
