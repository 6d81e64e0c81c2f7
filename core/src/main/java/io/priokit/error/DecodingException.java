package io.priokit.error;

/** A successful (2xx) response whose body was not what the API promises, such as broken JSON. */
public final class DecodingException extends PriokitException {

  /** The status of the response whose body could not be read. */
  private final int statusCode;
  /** The start of that body, bounded. */
  private final String bodyExcerpt;

  /**
   * Creates the exception for a body that could not be decoded.
   *
   * @param problem what was wrong with the body
   * @param statusCode the HTTP status of the response
   * @param bodyExcerpt the start of the raw body, bounded in length
   * @param cause the parser's failure, or {@code null}
   * @param context the call that received the response
   */
  public DecodingException(
      String problem, int statusCode, String bodyExcerpt, Throwable cause, FailureContext context) {
    super(FailureMessages.decoding(problem, statusCode, bodyExcerpt, context), cause, context);
    this.statusCode = statusCode;
    this.bodyExcerpt = bodyExcerpt;
  }

  /** {@return the HTTP status of the response} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the start of the raw body, bounded in length} */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }
}
