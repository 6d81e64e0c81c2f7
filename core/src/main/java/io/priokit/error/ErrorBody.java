package io.priokit.error;

import java.util.List;

/**
 * The fields of the API's JSON error body. Every component is {@code null} when the body did not
 * carry it (the body may also be HTML, empty or not JSON at all, in which case all are absent).
 *
 * @param error the machine code, for example {@code INVALID_REQUEST} (branch on the status, not on it)
 * @param errorReference the unique reference of this occurrence, which support asks for
 * @param errorMessage customer-friendly text that may be shown to end users
 * @param errorDescription human-readable detail for developers
 * @param errorUri a link to a page about the error
 * @param errors the specific problems (most 400 responses put their detail here); never {@code null}
 * @param scope the scope that was missing, sent with some 403 responses
 */
public record ErrorBody(
    String error,
    String errorReference,
    String errorMessage,
    String errorDescription,
    String errorUri,
    List<String> errors,
    String scope) {

  /** A body that carried none of the fields. */
  public static final ErrorBody EMPTY = new ErrorBody(null, null, null, null, null, List.of(), null);

  /**
   * Copies {@code errors} so the record stays immutable.
   *
   * @param error the machine code, for example {@code INVALID_REQUEST} (branch on the status, not on it)
   * @param errorReference the unique reference of this occurrence, which support asks for
   * @param errorMessage customer-friendly text that may be shown to end users
   * @param errorDescription human-readable detail for developers
   * @param errorUri a link to a page about the error
   * @param errors the specific problems (most 400 responses put their detail here); never {@code null}
   * @param scope the scope that was missing, sent with some 403 responses
   */
  public ErrorBody {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** {@return whether the body carried at least one of the documented fields} */
  public boolean isPresent() {
    return error != null || errorReference != null || errorMessage != null
        || errorDescription != null || errorUri != null || !errors.isEmpty() || scope != null;
  }
}
