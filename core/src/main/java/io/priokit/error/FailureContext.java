package io.priokit.error;

/**
 * The facts about a failed call that every {@link PriokitException} carries.
 *
 * @param request the request line, for example {@code GET https://…/system/status}, or {@code null}
 *     when no request was built
 * @param appReference the {@code App-Reference} header sent with the call, or {@code null}
 * @param attempts how many attempts were sent
 * @param retryable whether the retry policy considered the failure retryable
 */
public record FailureContext(String request, String appReference, int attempts, boolean retryable) {

  /** The context of a failure that happened before any request was built. */
  public static final FailureContext NONE = new FailureContext(null, null, 0, false);

  /**
   * Validates the attempt count.
   *
   * @param request the request line, for example {@code GET https://…/system/status}, or {@code null} when no request was built
   * @param appReference the {@code App-Reference} header sent with the call, or {@code null}
   * @param attempts how many attempts were sent
   * @param retryable whether the retry policy considered the failure retryable
   */
  public FailureContext {
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative: " + attempts);
    }
  }

  /** The tail of a log message: {@code App-Reference=…, attempts=n}, or empty. */
  String describe() {
    StringBuilder text = new StringBuilder();
    if (appReference != null) {
      text.append("App-Reference=").append(appReference);
    }
    if (attempts > 0) {
      text.append(text.length() > 0 ? ", " : "").append("attempts=").append(attempts);
    }
    return text.toString();
  }
}
