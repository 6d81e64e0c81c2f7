package io.priokit.error;

import java.util.List;
import java.util.Map;

/** Builds the one-line messages of the taxonomy: what failed, on which call, and the references. */
final class FailureMessages {

  /** Longest body excerpt quoted in a message; the exception keeps a longer one. */
  private static final int MESSAGE_EXCERPT_CHARS = 200;

  private static final int MESSAGE_ERRORS = 3;

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Invalid Request"),
      Map.entry(401, "Authentication Failed"),
      Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"),
      Map.entry(406, "Not Acceptable"),
      Map.entry(407, "Proxy Authentication Required"),
      Map.entry(408, "Request Timeout"),
      Map.entry(409, "Conflict"),
      Map.entry(413, "Content Too Large"),
      Map.entry(422, "Unprocessable Entity"),
      Map.entry(429, "Too Many Requests"),
      Map.entry(431, "Request Header Fields Too Large"),
      Map.entry(500, "Internal Server Error"),
      Map.entry(501, "Not Implemented"),
      Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"),
      Map.entry(505, "HTTP Version Not Supported"));

  private FailureMessages() {}

  /** The reason phrase of a status, or {@code HTTP <status>} for one without a known phrase. */
  static String status(int statusCode) {
    String reason = REASONS.get(statusCode);
    return reason == null ? "HTTP " + statusCode : statusCode + " " + reason;
  }

  static String api(ErrorResponse response, FailureContext context) {
    StringBuilder text = new StringBuilder();
    if (context.request() != null && context.request().endsWith(AuthenticationFailedException.TOKEN_PATH)) {
      text.append("Token request refused: ");
    }
    text.append(status(response.statusCode()));
    appendRequest(text, context);
    text.append(": ");
    ErrorBody body = response.body();
    if (body.isPresent()) {
      appendBody(text, body);
    } else if (response.bodyExcerpt().isEmpty()) {
      text.append("empty body");
    } else {
      text.append("body \"").append(singleLine(response.bodyExcerpt())).append('"');
    }
    if (response.retryAfter() != null) {
      text.append(", retry after ").append(Durations.format(response.retryAfter()));
    }
    return appendContext(text, context);
  }

  static String decoding(String problem, int statusCode, String excerpt, FailureContext context) {
    StringBuilder text = new StringBuilder("Undecodable ").append(status(statusCode)).append(" response");
    appendRequest(text, context);
    text.append(": ").append(problem);
    if (!excerpt.isEmpty()) {
      text.append(", body \"").append(singleLine(excerpt)).append('"');
    }
    return appendContext(text, context);
  }

  static String failure(String what, FailureContext context) {
    StringBuilder text = new StringBuilder(what);
    appendRequest(text, context);
    return appendContext(text, context);
  }

  private static void appendBody(StringBuilder text, ErrorBody body) {
    String separator = "";
    if (body.error() != null) {
      text.append(body.error());
      separator = ": ";
    }
    String detail = body.errorDescription() != null ? body.errorDescription() : body.errorMessage();
    if (detail != null) {
      text.append(separator).append(singleLine(detail));
      separator = "; ";
    }
    List<String> errors = body.errors();
    if (!errors.isEmpty()) {
      text.append(separator).append("errors=[");
      errors.stream().limit(MESSAGE_ERRORS).map(FailureMessages::singleLine)
          .reduce((a, b) -> a + "; " + b).ifPresent(text::append);
      if (errors.size() > MESSAGE_ERRORS) {
        text.append("; +").append(errors.size() - MESSAGE_ERRORS).append(" more");
      }
      text.append(']');
    }
    if (body.scope() != null) {
      text.append(", missing scope ").append(body.scope());
    }
    if (body.errorReference() != null) {
      text.append(" [error_reference=").append(body.errorReference()).append(']');
    }
  }

  private static void appendRequest(StringBuilder text, FailureContext context) {
    if (context.request() != null) {
      text.append(" on ").append(context.request());
    }
  }

  private static String appendContext(StringBuilder text, FailureContext context) {
    String tail = context.describe();
    if (!tail.isEmpty()) {
      text.append(" (").append(tail).append(')');
    }
    return text.toString();
  }

  /** Collapses line breaks and runs of whitespace, and bounds the length, so a message stays one line. */
  static String singleLine(String text) {
    String collapsed = text.strip().replaceAll("\\s+", " ");
    return collapsed.length() <= MESSAGE_EXCERPT_CHARS
        ? collapsed
        : collapsed.substring(0, MESSAGE_EXCERPT_CHARS) + "…";
  }
}
