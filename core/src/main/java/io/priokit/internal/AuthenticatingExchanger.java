package io.priokit.internal;

import io.priokit.auth.AccessToken;
import io.priokit.error.ConfigurationException;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Adds the bearer token to protected calls. A 401 means the token was rejected: it is dropped, a
 * fresh one fetched, and the request sent once more; a second 401 in the same call stands.
 */
final class AuthenticatingExchanger implements Exchanger {

  private static final String AUTHORIZATION = "Authorization";

  private final Exchanger next;
  private final TokenSource tokens;
  private final TimeSource time;
  private final KnownSecrets secrets;

  AuthenticatingExchanger(Exchanger next, TokenSource tokens, TimeSource time, KnownSecrets secrets) {
    this.next = next;
    this.tokens = tokens;
    this.time = time;
    this.secrets = secrets;
  }

  @Override
  public CompletableFuture<ReceivedResponse> exchange(CallContext call, TransportRequest request) {
    if (!call.endpoint().authorised()) {
      return next.exchange(call, request);
    }
    return authorised(call, request, false);
  }

  /** @param refreshed whether this round already had its one fresh token after a 401 */
  private CompletableFuture<ReceivedResponse> authorised(CallContext call, TransportRequest request,
      boolean refreshed) {
    // The token future may be shared with other calls: wait on a copy, so cancelling this call leaves
    // it be, and no longer than this call's deadline.
    CompletableFuture<AccessToken> token = Deadlines.within(call, time, tokens.token().copy());
    return call.mode().join(call.track(token))
        .thenCompose(granted -> {
          checkUsable(granted);
          secrets.addToken(granted.value());
          return next.exchange(call, request.withHeader(AUTHORIZATION, granted.authorization()))
              .thenCompose(received -> afterResponse(call, request, granted, received, refreshed));
        });
  }

  /**
   * A token that could not be sent as a header would fail in the HTTP library, whose message quotes
   * the header value: refuse it here, without quoting it.
   */
  private static void checkUsable(AccessToken token) {
    if (token == null) {
      throw new ConfigurationException("The token provider completed with no token.");
    }
    String problem = HeaderValues.problem(token.authorization(), HeaderValues.MAX_CREDENTIAL_LENGTH);
    if (problem != null) {
      throw new ConfigurationException("The access token cannot be sent as an Authorization header: " + problem
          + ". Fix it where it is read.");
    }
  }

  private CompletableFuture<ReceivedResponse> afterResponse(CallContext call, TransportRequest request,
      AccessToken token, ReceivedResponse received, boolean refreshed) {
    if (received.response().statusCode() != 401 || refreshed || call.isStopped()) {
      return CompletableFuture.completedFuture(received);
    }
    tokens.invalidate(token);
    return authorised(call, request, true);
  }
}
