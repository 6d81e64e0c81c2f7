package io.priokit.cli;

import io.priokit.error.ApiException;
import io.priokit.error.ConfigurationException;
import io.priokit.error.PriokitException;
import io.priokit.error.PriokitTimeoutException;
import io.priokit.error.TransportException;
import io.priokit.system.HealthResponse;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one check of one endpoint, in the forms the command prints.
 *
 * @param check {@code ping} or {@code status}
 * @param target the base URI checked
 * @param transport the transport used
 * @param answer the answer, or {@code null} on failure
 * @param failure the failure, or {@code null} on success
 * @param finishedAt when the check ended
 */
record CheckResult(String check, URI target, String transport, HealthResponse answer, PriokitException failure,
    Instant finishedAt) {

  /** Exit status of a healthy check. */
  static final int HEALTHY = 0;
  /** Exit status when the API answered with an error. */
  static final int API_ERROR = 1;
  /** Exit status when the API could not be reached in time. */
  static final int UNREACHABLE = 2;
  /** Exit status of a command line that cannot run. */
  static final int USAGE = 64;

  boolean healthy() {
    return failure == null;
  }

  /** 0 healthy, 1 the API answered with an error (or was refused for fair use), 2 unreachable or timed out. */
  int exitStatus() {
    if (failure == null) {
      return HEALTHY;
    }
    if (failure instanceof ConfigurationException) {
      return USAGE;
    }
    return failure instanceof TransportException || failure instanceof PriokitTimeoutException
        ? UNREACHABLE : API_ERROR;
  }

  /** What a watcher compares: healthy or not, and for a failure its type and status. */
  String state() {
    if (failure == null) {
      return "up";
    }
    return failure.getClass().getSimpleName() + (failure instanceof ApiException api ? " " + api.statusCode() : "");
  }

  /** The HTTP status that came back, or 0 when none did. */
  int httpStatus() {
    if (answer != null) {
      return answer.statusCode();
    }
    return failure instanceof ApiException api ? api.statusCode() : 0;
  }

  /** How many attempts the check took. */
  int attempts() {
    return failure == null ? answer.attempts() : failure.attempts();
  }

  String message() {
    return FailureText.of(failure, target);
  }

  /** One line for people, starting with the time when {@code timestamped}. */
  String line(boolean timestamped) {
    String line = failure == null
        ? String.format(Locale.ROOT, "UP    %-6s %d in %d ms  %s (%s)", check, answer.statusCode(),
            answer.latency().toMillis(), target, transport)
        : String.format(Locale.ROOT, "DOWN  %-6s %s: %s", check, failure.getClass().getSimpleName(), message());
    return timestamped ? finishedAt + "  " + line : line;
  }

  /** One JSON object, with a {@code time} field first when {@code timestamped}. */
  String json(boolean timestamped) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (timestamped) {
      fields.put("time", finishedAt.toString());
    }
    fields.put("check", check);
    fields.put("target", target.toString());
    fields.put("transport", transport);
    fields.put("healthy", failure == null);
    fields.put("latency_ms", answer == null ? null : answer.latency().toMillis());
    fields.put("attempts", attempts());
    if (failure != null) {
      fields.put("error_type", failure.getClass().getSimpleName());
      ApiException api = failure instanceof ApiException apiFailure ? apiFailure : null;
      fields.put("http_status", api == null ? null : api.statusCode());
      fields.put("error", api == null ? null : api.errorCode().orElse(null));
      fields.put("error_reference", api == null ? null : api.errorReference().orElse(null));
      fields.put("message", message());
    }
    return JsonText.object(fields);
  }
}
