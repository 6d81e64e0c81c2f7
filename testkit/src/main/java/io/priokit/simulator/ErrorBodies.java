package io.priokit.simulator;

import java.util.Map;

/** The error bodies the simulator answers with: the API's documented fields, one realistic set per status. */
final class ErrorBodies {

  private record Text(String code, String message, String description) {}

  private static final Map<Integer, Text> BY_STATUS = Map.ofEntries(
      Map.entry(400, new Text("INVALID_REQUEST", "The request could not be processed.",
          "The request is missing a required parameter or is otherwise malformed.")),
      Map.entry(401, new Text("AUTHENTICATION_FAILED", "Please sign in again.",
          "The access token provided is expired, revoked, malformed, or invalid.")),
      Map.entry(403, new Text("FORBIDDEN", "You are not allowed to do this.",
          "The request requires higher privileges than provided by the access token.")),
      Map.entry(405, new Text("METHOD_NOT_ALLOWED", "This action is not supported.",
          "The request method is not supported for the requested resource.")),
      Map.entry(406, new Text("NOT_ACCEPTABLE", "This format is not available.",
          "No representation matches the Accept headers of the request.")),
      Map.entry(422, new Text("UNPROCESSABLE_ENTITY", "The request could not be completed.",
          "The request is well formed but its instructions could not be followed.")),
      Map.entry(429, new Text("TOO_MANY_REQUESTS", "Please try again in a moment.",
          "The rate limit of 1000 requests per minute was exceeded.")),
      Map.entry(500, new Text("INTERNAL_SERVER_ERROR", "Something went wrong on our side.",
          "An unexpected condition prevented the request from being fulfilled.")),
      Map.entry(501, new Text("NOT_IMPLEMENTED", "This is not available yet.",
          "The functionality required to fulfil the request is not supported.")),
      Map.entry(502, new Text("BAD_GATEWAY", "A partner system is not responding correctly.",
          "An invalid response was received from the supplier or third-party system.")),
      Map.entry(503, new Text("SERVICE_UNAVAILABLE", "The service is temporarily unavailable.",
          "A problem occurred during internal communication.")),
      Map.entry(504, new Text("GATEWAY_TIMEOUT", "A partner system did not answer in time.",
          "The supplier or third-party system did not respond in time.")));

  private ErrorBodies() {}

  /** Whether the API documents the status, and so answers it with a JSON error body. */
  static boolean isDocumented(int status) {
    return BY_STATUS.containsKey(status);
  }

  /** The API's error code for a documented status, such as {@code SERVICE_UNAVAILABLE}. */
  static String code(int status) {
    return BY_STATUS.get(status).code();
  }

  /** The HTML page a proxy in front of the API sends for a status the API does not document. */
  static String proxyPage(int status) {
    return "<html><head><title>" + status + "</title></head><body><h1>" + status
        + "</h1><hr><center>proxy</center></body></html>";
  }

  /** The JSON error body for a documented status, with the given reference. */
  static String forStatus(int status, String reference) {
    Text text = BY_STATUS.get(status);
    String scope = status == 403 ? ",\"scope\":\"system:status\"" : "";
    return "{\"error\":\"" + text.code() + "\",\"error_reference\":\"" + reference + "\","
        + "\"error_message\":\"" + text.message() + "\",\"error_description\":\"" + text.description() + "\","
        + "\"error_uri\":\"https://support.prioticket.com/errors/" + text.code().toLowerCase(java.util.Locale.ROOT)
        + "\",\"errors\":[\"" + text.description() + "\"]" + scope + "}";
  }

  /** The OAuth2 error body of the token endpoint. */
  static String oauth(String error, String description) {
    return "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\","
        + "\"error_uri\":\"https://support.prioticket.com/oauth2\"}";
  }
}
