package io.priokit.auth;

import java.util.concurrent.CompletionStage;

/**
 * Where protected calls get their access token, for callers who bring their own (a vault, a token
 * service shared by many processes). Without one, a client with credentials fetches tokens from the
 * API's {@code /oauth2/token} itself, caching and refreshing them.
 *
 * <p>Called for every protected call: cache the token and answer quickly. Calls may come from many
 * threads, and from event loops, so the answer must not block.
 */
public interface TokenProvider {

  /**
   * A token valid for the next call.
   *
   * @return the token; a failed stage fails the call with its cause (a
   *     {@link io.priokit.error.PriokitException} passes through as it is)
   */
  CompletionStage<AccessToken> token();

  /**
   * The API answered 401 to a call made with this token: stop handing it out. The call asks once
   * more for a token and retries once.
   *
   * @param rejected the token the API rejected
   */
  default void invalidate(AccessToken rejected) {}
}
