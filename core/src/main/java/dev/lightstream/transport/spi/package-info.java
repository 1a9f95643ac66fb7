/**
 * The seam for transports that live outside the core: a {@link dev.lightstream.transport.spi.TransportProvider}
 * serves the schemes of {@link dev.lightstream.transport.Endpoint.Url} ({@code ws}, {@code wss},
 * {@code quic}, {@code https}) and is found through {@link java.util.ServiceLoader} by
 * {@link dev.lightstream.transport.spi.TransportProviders}, so a user of the core and TCP pulls in no
 * Netty or QUIC library; {@link dev.lightstream.transport.spi.BridgeConnection} turns a library that
 * pushes bytes from its own threads (an event loop) into a blocking
 * {@link dev.lightstream.transport.Connection} with a bounded receive queue, and
 * {@link dev.lightstream.transport.spi.PendingConnections} holds what such a server accepted on its
 * threads until {@link dev.lightstream.transport.Acceptor#accept()} takes it.
 */
package dev.lightstream.transport.spi;
