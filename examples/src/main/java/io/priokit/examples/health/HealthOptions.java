package io.priokit.examples.health;

import io.priokit.Environment;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code priokit-health}, parsed and checked.
 *
 * @param environment the target, or {@code null} to check a local simulator
 * @param transport jdk, apache or vertx
 * @param clientId the OAuth2 client id, or {@code null}
 * @param clientSecret the OAuth2 client secret, or {@code null}
 * @param timeout the overall deadline of each check
 * @param json whether to print one JSON object per check
 * @param watch the interval between rounds, or {@code null} to check once
 * @param count with a watch, how many rounds before stopping (0 for no limit)
 * @param help whether only the help was asked for
 */
record HealthOptions(Environment environment, String transport, String clientId, String clientSecret,
    Duration timeout, boolean json, Duration watch, int count, boolean help) {

  static final Set<String> TRANSPORTS = Set.of("jdk", "apache", "vertx");

  /** Thrown for a command line that cannot run; the message says what is wrong. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Parses the arguments, taking credentials missing from them from the environment variables.
   *
   * @throws UsageException naming the first problem
   */
  static HealthOptions parse(String[] args, Map<String, String> environmentVariables) throws UsageException {
    Environment environment = null;
    String transport = "jdk";
    String clientId = environmentVariables.get("PRIOTICKET_CLIENT_ID");
    String clientSecret = environmentVariables.get("PRIOTICKET_CLIENT_SECRET");
    Duration timeout = Duration.ofSeconds(10);
    boolean json = false;
    Duration watch = null;
    int count = 0;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        return new HealthOptions(null, transport, null, null, timeout, false, null, 0, true);
      }
      if (option.equals("--json")) {
        json = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new UsageException(option.startsWith("--") ? option + " needs a value" : "unknown argument " + option);
      }
      String value = args[++i];
      switch (option) {
        case "--env" -> environment = environment(environment, () -> Environment.named(value));
        case "--base-uri" -> environment = environment(environment, () -> Environment.custom(value));
        case "--transport" -> {
          transport = value.toLowerCase(Locale.ROOT);
          if (!TRANSPORTS.contains(transport)) {
            throw new UsageException("--transport must be jdk, apache or vertx, not " + value);
          }
        }
        case "--client-id" -> clientId = value;
        case "--client-secret" -> clientSecret = value;
        case "--timeout" -> timeout = duration("--timeout", value);
        case "--watch" -> watch = duration("--watch", value);
        case "--count" -> count = positiveInt("--count", value);
        default -> throw new UsageException("unknown option " + option);
      }
    }
    if ((clientId == null) != (clientSecret == null)) {
      throw new UsageException("give both a client id and a client secret, or neither");
    }
    if (count > 0 && watch == null) {
      throw new UsageException("--count needs --watch");
    }
    return new HealthOptions(environment, transport, clientId, clientSecret, timeout, json, watch, count, false);
  }

  /**
   * Reads a duration as people write it ({@code 4s}, {@code 500ms}, {@code 2m}) or as ISO-8601
   * ({@code PT4S}).
   */
  static Duration duration(String option, String text) throws UsageException {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      Duration parsed;
      if (value.startsWith("pt") || value.startsWith("p")) {
        parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
      } else if (value.endsWith("ms")) {
        parsed = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      } else if (value.endsWith("s")) {
        parsed = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("m")) {
        parsed = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      } else {
        throw new UsageException(option + " needs a unit, such as 4s, 500ms, 1m or PT4S, not " + text);
      }
      if (parsed.isNegative() || parsed.isZero()) {
        throw new UsageException(option + " must be positive, not " + text);
      }
      return parsed;
    } catch (NumberFormatException | java.time.format.DateTimeParseException unreadable) {
      throw new UsageException(option + " is not a duration: " + text + " (use 4s, 500ms, 1m or PT4S)");
    }
  }

  private static int positiveInt(String option, String text) throws UsageException {
    try {
      int value = Integer.parseInt(text.strip());
      if (value < 1) {
        throw new UsageException(option + " must be at least 1, not " + text);
      }
      return value;
    } catch (NumberFormatException notANumber) {
      throw new UsageException(option + " must be a number, not " + text);
    }
  }

  private interface EnvironmentSource {
    Environment get();
  }

  private static Environment environment(Environment already, EnvironmentSource next) throws UsageException {
    if (already != null) {
      throw new UsageException("give one target: --env or --base-uri, not both");
    }
    try {
      return next.get();
    } catch (io.priokit.error.ConfigurationException bad) {
      throw new UsageException(bad.getMessage());
    }
  }
}
