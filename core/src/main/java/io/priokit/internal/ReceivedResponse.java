package io.priokit.internal;

import io.priokit.spi.TransportResponse;
import java.time.Duration;

/**
 * A complete response and how long its attempt took.
 *
 * @param response the response
 * @param latency the round trip, from sending the request to the last byte of the body
 */
record ReceivedResponse(TransportResponse response, Duration latency) {}
