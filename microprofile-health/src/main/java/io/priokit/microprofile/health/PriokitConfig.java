package io.priokit.microprofile.health;

import io.priokit.ClientCredentials;
import io.priokit.Environment;
import io.priokit.PriokitClient;
import io.priokit.RetryPolicy;
import io.priokit.error.ConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code priokit.*} MicroProfile Config properties, as the Spring Boot starter names them:
 * {@code priokit.environment} (required: production, sandbox, staging, internal or a base URI),
 * {@code priokit.client-id} and {@code priokit.client-secret} (else {@code PRIOTICKET_CLIENT_ID} and
 * {@code PRIOTICKET_CLIENT_SECRET}), {@code priokit.scope}, {@code priokit.transport},
 * {@code priokit.connect-timeout}, {@code priokit.call-timeout}, {@code priokit.deadline},
 * {@code priokit.retry.max-attempts}, {@code priokit.allow-plaintext}, {@code priokit.app-name};
 * for the check, {@code priokit.health.timeout} (2s) and {@code priokit.health.refresh-after} (10s).
 * Durations read as {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601 ({@code PT2S}).
 */
final class PriokitConfig {

  private final Config config;

  PriokitConfig(Config config) {
    this.config = config;
  }

  /** A client builder with the properties applied. */
  PriokitClient.Builder clientBuilder() {
    String environment = string("priokit.environment").orElseThrow(() -> new ConfigurationException(
        "No Prioticket environment: set priokit.environment to production, sandbox, staging, internal or a "
            + "base URI such as http://localhost:8080/v3.8/distributor."));
    PriokitClient.Builder builder = PriokitClient.builder().environment(
        environment.contains("://") ? Environment.custom(environment.strip()) : Environment.named(environment));
    Optional<String> id = string("priokit.client-id").or(() -> string("PRIOTICKET_CLIENT_ID"));
    Optional<String> secret = string("priokit.client-secret").or(() -> string("PRIOTICKET_CLIENT_SECRET"));
    if (id.isPresent() != secret.isPresent()) {
      throw new ConfigurationException("priokit.client-id and priokit.client-secret (or PRIOTICKET_CLIENT_ID and "
          + "PRIOTICKET_CLIENT_SECRET) go together: set both for OAuth2 client credentials, or neither.");
    }
    if (id.isPresent()) {
      Optional<String> scope = string("priokit.scope");
      builder.credentials(scope.isPresent() ? ClientCredentials.of(id.get(), secret.get(), scope.get())
          : ClientCredentials.of(id.get(), secret.get()));
    }
    string("priokit.transport").ifPresent(builder::transport);
    duration("priokit.connect-timeout").ifPresent(builder::connectTimeout);
    duration("priokit.call-timeout").ifPresent(builder::callTimeout);
    duration("priokit.deadline").ifPresent(builder::deadline);
    string("priokit.retry.max-attempts").map(value -> integer("priokit.retry.max-attempts", value))
        .ifPresent(attempts -> builder.retryPolicy(RetryPolicy.defaults().withMaxAttempts(attempts)));
    string("priokit.allow-plaintext").ifPresent(value -> builder.allowPlaintext(Boolean.parseBoolean(value)));
    string("priokit.app-name").ifPresent(builder::appName);
    return builder;
  }

  /** How long the check keeps a probe waiting at most. */
  Duration healthTimeout() {
    return duration("priokit.health.timeout").orElse(Duration.ofSeconds(2));
  }

  /** How long the check answers from one status call before making another. */
  Duration healthRefreshAfter() {
    return duration("priokit.health.refresh-after").orElse(Duration.ofSeconds(10));
  }

  private Optional<String> string(String name) {
    return config.getOptionalValue(name, String.class).filter(value -> !value.isBlank());
  }

  private Optional<Duration> duration(String name) {
    return string(name).map(value -> parseDuration(name, value.strip()));
  }

  /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, or ISO-8601 such as {@code PT2S}. */
  static Duration parseDuration(String name, String value) {
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      if (value.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      if (value.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      if (value.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      return Duration.parse(value);
    } catch (NumberFormatException | DateTimeParseException unreadable) {
      throw new ConfigurationException(name + " is not a duration: write it as 500ms, 2s, 1m, 1h or PT2S.");
    }
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException unreadable) {
      throw new ConfigurationException(name + " is not a whole number.");
    }
  }
}
