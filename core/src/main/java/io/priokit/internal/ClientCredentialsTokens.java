package io.priokit.internal;

import io.priokit.ClientCredentials;
import io.priokit.auth.AccessToken;
import io.priokit.error.DecodingException;
import io.priokit.spi.TimeSource;
import io.priokit.spi.TransportRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Access tokens from the API's {@code /oauth2/token} with the client credentials: cached and shared
 * by every call, fetched by one caller at a time (the others wait for that fetch), refreshed in the
 * background ahead of expiry, and dropped when the API rejects them.
 */
final class ClientCredentialsTokens implements TokenSource {

  /** A token is not used in its last seconds: a request sent then may arrive after it expired. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

  /** How long before expiry a background refresh starts, at most. */
  static final Duration MAX_REFRESH_AHEAD = Duration.ofMinutes(5);

  /** How long after a failed background refresh the next one starts, at most. */
  static final Duration REFRESH_RETRY = Duration.ofSeconds(30);

  /** The longest token lifetime believed: a larger {@code expires_in} is read as this. */
  static final long MAX_LIFETIME_SECONDS = Duration.ofDays(365).toSeconds();

  private final Exchanger exchanger;
  private final RequestFactory requests;
  private final ResponseMapper responses;
  private final JsonCodec json;
  private final ClientCredentials credentials;
  private final TimeSource time;
  private final PipelineEvents events;
  private final java.util.function.Supplier<String> appReferences;
  private final Duration callTimeout;

  /** The token in use, or the fetch under way; {@code null} when there is neither. */
  private final AtomicReference<CompletableFuture<AccessToken>> current = new AtomicReference<>();

  /** The background refresh under way, or {@code null}. */
  private final AtomicReference<CompletableFuture<AccessToken>> refreshing = new AtomicReference<>();

  /** The token the API last rejected, so that calls still holding it take a fresh one instead. */
  private volatile AccessToken rejected;

  /** When the newest token should start being replaced in the background. */
  private volatile Instant refreshAt = Instant.MAX;

  ClientCredentialsTokens(Exchanger exchanger, RequestFactory requests, ResponseMapper responses, JsonCodec json,
      ClientCredentials credentials, TimeSource time, PipelineEvents events,
      java.util.function.Supplier<String> appReferences, Duration callTimeout) {
    this.exchanger = exchanger;
    this.requests = requests;
    this.responses = responses;
    this.json = json;
    this.credentials = credentials;
    this.time = time;
    this.events = events;
    this.appReferences = appReferences;
    this.callTimeout = callTimeout;
  }

  @Override
  public CompletableFuture<AccessToken> token() {
    while (true) {
      CompletableFuture<AccessToken> cached = current.get();
      if (cached != null && !cached.isDone()) {
        return cached;
      }
      if (cached != null && !cached.isCompletedExceptionally()) {
        AccessToken token = cached.join();
        Instant now = time.instant();
        if (now.isBefore(token.expiresAt().minus(EXPIRY_MARGIN))) {
          if (!now.isBefore(refreshAt)) {
            refreshInBackground(cached);
          }
          return cached;
        }
      }
      CompletableFuture<AccessToken> fetch = new CompletableFuture<>();
      if (current.compareAndSet(cached, fetch)) {
        fetch().whenComplete((token, failure) -> {
          if (failure != null) {
            current.compareAndSet(fetch, null);
            fetch.completeExceptionally(failure);
          } else {
            fetch.complete(token);
          }
        });
        return fetch;
      }
    }
  }

  @Override
  public void invalidate(AccessToken rejected) {
    this.rejected = rejected;
    CompletableFuture<AccessToken> cached = current.get();
    if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()
        && cached.join().equals(rejected)) {
      current.compareAndSet(cached, null);
    }
  }

  @Override
  public boolean wasRejected(AccessToken token) {
    return token.equals(rejected);
  }

  private void refreshInBackground(CompletableFuture<AccessToken> stale) {
    CompletableFuture<AccessToken> refresh = new CompletableFuture<>();
    if (!refreshing.compareAndSet(null, refresh)) {
      return;
    }
    fetch().whenComplete((token, failure) -> {
      if (failure == null) {
        current.compareAndSet(stale, CompletableFuture.completedFuture(token));
      } else {
        // The cached token still works: try again later rather than on every call, each failure
        // counting toward the fair-use guard.
        AccessToken cached = stale.join();
        Duration left = Duration.between(time.instant(), cached.expiresAt());
        Instant retryAt = time.instant().plus(left.dividedBy(2).compareTo(REFRESH_RETRY) < 0
            ? left.dividedBy(2) : REFRESH_RETRY);
        refreshAt = retryAt;
        events.tokenRefreshFailed(failure, retryAt);
      }
      refreshing.set(null);
      refresh.complete(token);
    });
  }

  /**
   * Fetches a token. Always asynchronously: the fetch is shared by every call that waits for it, so
   * it must not run on, or be interrupted with, one caller's thread.
   */
  private CompletableFuture<AccessToken> fetch() {
    try {
      String appReference = appReferences.get();
      long now = time.nanoTime();
      CallContext call = new CallContext(Endpoint.OAUTH_TOKEN, ExchangeMode.ASYNC, appReference,
          requests.requestLine(Endpoint.OAUTH_TOKEN), now + callTimeout.toNanos(), callTimeout,
          new CompletableFuture<>());
      TransportRequest request = requests.tokenRequest(appReference, credentials, json);
      return exchanger.exchange(call, request).thenApply(received -> read(call, received));
    } catch (RuntimeException cannotStart) {
      return CompletableFuture.failedFuture(cannotStart);
    }
  }

  private AccessToken read(CallContext call, ReceivedResponse received) {
    int status = received.response().statusCode();
    if (!ResponseMapper.isSuccess(status)) {
      throw responses.toTokenError(call, received.response());
    }
    Map<String, Object> fields;
    // Neither excerpt nor parser message is kept: a token response body may hold a token.
    try {
      fields = json.readObject(received.response().body());
    } catch (JsonCodec.MalformedJsonException malformed) {
      throw new DecodingException("token response is not a JSON object", status, "", null, call.failure(false));
    }
    if (!(fields.get("access_token") instanceof String value) || value.isBlank()) {
      throw new DecodingException("token response has no access_token", status, "", null, call.failure(false));
    }
    String type = fields.get("token_type") instanceof String given && !given.isBlank() ? given : "Bearer";
    long lifetime = fields.get("expires_in") instanceof Number seconds
        ? Math.max(0, Math.min(seconds.longValue(), MAX_LIFETIME_SECONDS)) : 3600;
    String scope = fields.get("scope") instanceof String granted ? granted : null;
    Instant now = time.instant();
    AccessToken token = new AccessToken(type, value, now.plusSeconds(lifetime), scope);
    Duration ahead = Duration.ofSeconds(lifetime).dividedBy(5);
    refreshAt = token.expiresAt().minus(ahead.compareTo(MAX_REFRESH_AHEAD) > 0 ? MAX_REFRESH_AHEAD : ahead)
        .minus(EXPIRY_MARGIN);
    events.tokenRefreshed(token);
    return token;
  }
}
