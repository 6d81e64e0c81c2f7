package io.priokit.observe;

import io.priokit.error.RequestRejectedException;
import java.time.Duration;

/**
 * The client refused to send a request to protect the caller's standing with the API.
 *
 * @param reason which limit refused it
 * @param retryAfter when a request would be sent again
 * @param appReference the refused call's {@code App-Reference}
 */
public record GuardTripped(RequestRejectedException.Reason reason, Duration retryAfter, String appReference) {}
