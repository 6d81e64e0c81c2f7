/**
 * How connections are made: the TLS trust, client certificate, protocols and HTTP version
 * ({@link io.priokit.net.TlsOptions}), and the HTTP proxy ({@link io.priokit.net.ProxyOptions}).
 * Values that depend on nothing but the JDK: set on the client builder, and carried to the transport
 * by {@link io.priokit.spi.TransportOptions}, so that every transport connects the same way.
 */
package io.priokit.net;
