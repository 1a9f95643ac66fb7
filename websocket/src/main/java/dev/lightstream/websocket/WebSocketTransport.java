package dev.lightstream.websocket;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.websocket.internal.WebSockets;
import java.io.IOException;
import java.util.Objects;

/**
 * The WebSocket transport on Netty, client and server: every WebSocket is a
 * {@link Connection} whose bytes travel as binary messages. Arrow IPC messages may span frames and a
 * frame may hold several messages; the reader's framing reassembles them.
 *
 * {@snippet :
 * Endpoint.Url listen = (Endpoint.Url) Endpoint.parse("ws://127.0.0.1:0");
 * try (ConnectionServer server = WebSocketTransport.listen(listen, SocketOptions.defaults(), null,
 *         ServerOptions.defaults(), connection -> sendTable(connection))) {
 *     Endpoint.Url stream = (Endpoint.Url) server.endpoint();     // ws://127.0.0.1:<port>/stream
 *     // a browser opens http://127.0.0.1:<port>/ and sees the table
 *     try (Connection client = WebSocketTransport.connect(stream, SocketOptions.defaults(), null)) {
 *         ArrowStreamReader reader = new ArrowStreamReader(client, allocator);
 *         ...
 *     }
 * }
 * }
 *
 * <p><b>Server.</b> Upgrades at the endpoint's path ({@code /stream} when it names none) become
 * connections; other GET requests get the browser page ({@code /}) or 404. Over {@code wss://} it
 * presents the server {@link TlsConfig}'s certificate.
 *
 * <p><b>Backpressure.</b> Received bytes wait in a bounded queue (8 MiB per connection); past it the
 * socket is no longer read until the reader catches up, so TCP flow control slows the peer. A write
 * returns once Netty has written the bytes to the socket.
 *
 * <p><b>Ends and errors.</b> {@link Connection#shutdownOutput()} sends a close frame (1000); the peer
 * reads the end of input. A peer that vanishes without a close frame is an
 * {@link java.io.EOFException} for the reader; a close with an error status is a
 * {@link WebSocketClosedException}; text frames are refused with a {@link java.net.ProtocolException}.
 */
public final class WebSocketTransport {
    private WebSocketTransport() {}

    /**
     * Connects and runs the opening handshake (and the TLS one for {@code wss://}).
     *
     * @param tls a client configuration for {@code wss://}, or null for the system's CAs
     * @throws java.net.ProtocolException if the server refuses the upgrade (404 for a wrong path, say)
     * @throws IOException if the connection or a handshake fails
     */
    public static Connection connect(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return WebSockets.connect(Objects.requireNonNull(endpoint, "endpoint"), socket, tls);
    }

    /**
     * Listens on {@code endpoint}; the acceptor's {@link Acceptor#endpoint() endpoint} is the stream's
     * URL with the real port.
     *
     * @param tls the server configuration, required for {@code wss://}
     */
    public static Acceptor bind(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return WebSockets.bind(Objects.requireNonNull(endpoint, "endpoint"), socket, tls);
    }

    /** Listens on {@code endpoint} and serves each WebSocket with {@code handler} on a virtual thread of its own. */
    public static ConnectionServer listen(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls,
            ServerOptions options, ConnectionHandler handler) throws IOException {
        return ConnectionServer.start(bind(endpoint, socket, tls), handler, options);
    }
}
