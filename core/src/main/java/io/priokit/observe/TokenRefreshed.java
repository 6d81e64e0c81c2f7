package io.priokit.observe;

import java.time.Instant;

/**
 * A new access token was obtained. The token itself is not part of the event.
 *
 * @param expiresAt when the new token expires
 * @param scope the scope granted, or {@code null}
 */
public record TokenRefreshed(Instant expiresAt, String scope) {}
