package io.priokit.internal;

import io.priokit.auth.AccessToken;
import java.util.concurrent.CompletableFuture;

/** Where protected calls get their token inside the pipeline. */
interface TokenSource {

  /**
   * A token for the next request. A fetch it starts runs asynchronously whatever the caller's mode:
   * it is shared, so it must not depend on one caller's thread.
   *
   * @return the token; the future may be shared with other callers, so never cancel it
   */
  CompletableFuture<AccessToken> token();

  /** The API answered 401 to a request with this token: do not hand it out again. */
  void invalidate(AccessToken rejected);

  /**
   * Whether this token was invalidated, so that a request holding it should take a fresh one rather
   * than be sent; false when the source cannot tell (the caller's own provider).
   */
  default boolean wasRejected(AccessToken token) {
    return false;
  }
}
