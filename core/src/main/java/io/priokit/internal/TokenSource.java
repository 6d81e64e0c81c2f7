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
}
