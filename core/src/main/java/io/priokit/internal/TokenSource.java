package io.priokit.internal;

import io.priokit.auth.AccessToken;
import java.util.concurrent.CompletableFuture;

/** Where protected calls get their token inside the pipeline. */
interface TokenSource {

  /**
   * A token for the next request.
   *
   * @param mode the mode of the call asking, so a fetch it triggers runs the way the call does
   * @return the token; the future may be shared with other callers, so never cancel it
   */
  CompletableFuture<AccessToken> token(ExchangeMode mode);

  /** The API answered 401 to a request with this token: do not hand it out again. */
  void invalidate(AccessToken rejected);
}
