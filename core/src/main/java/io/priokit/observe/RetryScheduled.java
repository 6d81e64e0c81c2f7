package io.priokit.observe;

import java.time.Duration;

/**
 * A failed attempt will be retried.
 *
 * @param method the HTTP method
 * @param path the path below the base URI
 * @param appReference the call's {@code App-Reference}
 * @param failedAttempt the number of the attempt that failed
 * @param delay the wait before the next attempt
 * @param reason what failed, such as {@code 503} or {@code CONNECTION_CLOSED}
 */
public record RetryScheduled(String method, String path, String appReference, int failedAttempt,
    Duration delay, String reason) {}
