package io.priokit.observe;

/**
 * A request is about to be sent.
 *
 * @param method the HTTP method
 * @param path the path below the base URI, such as {@code /system/status}
 * @param appReference the call's {@code App-Reference}
 * @param attempt the number of this request within its call, from 1
 */
public record AttemptStarted(String method, String path, String appReference, int attempt) {}
