package io.priokit.internal;

import io.priokit.auth.AccessToken;
import io.priokit.auth.TokenProvider;
import java.util.concurrent.CompletableFuture;

/** The caller's {@link TokenProvider}, as a {@link TokenSource}. */
final class ProvidedTokens implements TokenSource {

  private final TokenProvider provider;

  ProvidedTokens(TokenProvider provider) {
    this.provider = provider;
  }

  @Override
  public CompletableFuture<AccessToken> token() {
    try {
      java.util.concurrent.CompletionStage<AccessToken> token = provider.token();
      if (token == null) {
        return CompletableFuture.failedFuture(
            new io.priokit.error.ConfigurationException("The token provider returned no CompletionStage."));
      }
      return token.toCompletableFuture().exceptionallyCompose(ProvidedTokens::typed);
    } catch (RuntimeException broken) {
      return typed(broken);
    }
  }

  /** A failure of the caller's provider is a configuration problem, unless it already is a typed one. */
  private static CompletableFuture<AccessToken> typed(Throwable failure) {
    Throwable cause = io.priokit.spi.TransportFailure.unwrap(failure);
    return CompletableFuture.failedFuture(cause instanceof io.priokit.error.PriokitException ? cause
        : new io.priokit.error.ConfigurationException("The token provider failed: "
            + cause.getClass().getSimpleName(), cause));
  }

  @Override
  public void invalidate(AccessToken rejected) {
    provider.invalidate(rejected);
  }
}
