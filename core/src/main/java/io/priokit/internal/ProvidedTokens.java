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
  public CompletableFuture<AccessToken> token(ExchangeMode mode) {
    try {
      return provider.token().toCompletableFuture();
    } catch (RuntimeException broken) {
      return CompletableFuture.failedFuture(broken);
    }
  }

  @Override
  public void invalidate(AccessToken rejected) {
    provider.invalidate(rejected);
  }
}
