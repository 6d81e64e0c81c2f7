package io.priokit.internal;

import io.priokit.auth.AccessToken;
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

  AuthenticatingExchanger(Exchanger next, TokenSource tokens) {
    this.next = next;
    this.tokens = tokens;
  }

  @Override
  public CompletableFuture<ReceivedResponse> exchange(CallContext call, TransportRequest request) {
    if (!call.endpoint().authorised()) {
      return next.exchange(call, request);
    }
    // The token future may be shared with other calls: wait on a copy, so cancelling this call leaves it be.
    return call.mode().join(call.track(tokens.token(call.mode()).copy()))
        .thenCompose(token -> {
          call.sent(token.value());
          return next.exchange(call, request.withHeader(AUTHORIZATION, token.authorization()))
              .thenCompose(received -> afterResponse(call, request, token, received));
        });
  }

  private CompletableFuture<ReceivedResponse> afterResponse(CallContext call, TransportRequest request,
      AccessToken token, ReceivedResponse received) {
    if (received.response().statusCode() != 401 || call.tokenRefreshed() || call.isStopped()) {
      return CompletableFuture.completedFuture(received);
    }
    call.markTokenRefreshed();
    tokens.invalidate(token);
    return exchange(call, request);
  }
}
