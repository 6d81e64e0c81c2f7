package io.priokit.observe;

/**
 * A call begins: the client was asked for {@code ping} or {@code status}.
 *
 * @param method the HTTP method
 * @param path the endpoint's path below the base URI, such as {@code /system/status}: the same for
 *     every call of the endpoint, so fit for a metric tag
 * @param appReference the call's {@code App-Reference}, different for every call: never a metric tag
 * @param transport the transport's name, such as {@code jdk}
 */
public record CallStarted(String method, String path, String appReference, String transport) {}
