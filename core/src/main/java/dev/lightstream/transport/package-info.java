/**
 * The transport API: a {@link dev.lightstream.transport.Connection} is a byte pipe to a peer,
 * readable as a {@link java.nio.channels.ScatteringByteChannel} and writable as a
 * {@link java.nio.channels.GatheringByteChannel}, so any framing runs over any transport; an
 * {@link dev.lightstream.transport.Acceptor} hands out incoming connections and a
 * {@link dev.lightstream.transport.ConnectionServer} serves them, one virtual thread each.
 * {@link dev.lightstream.transport.Endpoint} parses where to connect ({@code tcp://host:port},
 * {@code tls://host:port}, {@code unix:///path}, {@code -}); {@link dev.lightstream.transport.InFlightLimiter}
 * bounds the bytes a reader holds ahead of its consumer.
 *
 * <p>The transports themselves live in the subpackages {@code tcp}, {@code tls}, {@code unix} and
 * {@code stdio}. Transports move bytes: they never import {@code dev.lightstream.ipc} or
 * {@code dev.lightstream.array}, and nothing here writes to {@link System#out}.
 */
package dev.lightstream.transport;
