package dev.lightstream.transport.tls;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tcp.TcpTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The TLS transport: TLS 1.3 and 1.2 with the JDK's {@link javax.net.ssl.SSLEngine} over TCP, client
 * and server, or over any other {@link Connection}.
 *
 * {@snippet :
 * SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
 * TlsConfig serverConfig = TlsConfig.server(certificate.identity()).build();
 * TlsConfig clientConfig = TlsConfig.client().trust(certificate.trust()).build();
 * try (ConnectionServer server = TlsTransport.listen(
 *              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), serverConfig, connection -> serve(connection));
 *      TlsConnection client = TlsTransport.connect((InetSocketAddress) server.localAddress(), clientConfig)) {
 *     ...
 * }
 * }
 *
 * <p>{@link #connect} returns once the handshake is done; a server's handler runs once it is done
 * (on the connection's own thread, so a slow handshake never holds up the accept loop). A server
 * handshake that fails goes to the server's {@link dev.lightstream.transport.ConnectionErrorListener}
 * as an {@link javax.net.ssl.SSLHandshakeException}.
 */
public final class TlsTransport {
    private TlsTransport() {}

    /** Connects over TCP with {@link SocketOptions#defaults()} and completes the handshake. */
    public static TlsConnection connect(InetSocketAddress address, TlsConfig config) throws IOException {
        return connect(address, config, SocketOptions.defaults());
    }

    /**
     * Connects over TCP and completes the handshake, verifying the server's certificate for the host
     * of {@code address} (its name if it has one, else its IP address) unless the configuration
     * names another.
     *
     * @throws javax.net.ssl.SSLHandshakeException if the handshake fails (untrusted certificate, wrong host...)
     * @throws IllegalArgumentException if {@code config} is a server configuration
     */
    public static TlsConnection connect(InetSocketAddress address, TlsConfig config, SocketOptions options)
            throws IOException {
        requireClient(config);
        Connection raw = TcpTransport.connect(address, options);
        try {
            TlsConnection connection = client(raw, config, address.getHostString(), address.getPort());
            connection.handshake();
            return connection;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Connects to a {@code tls://host:port} endpoint. */
    public static TlsConnection connect(Endpoint.Tls endpoint, TlsConfig config, SocketOptions options)
            throws IOException {
        return connect(InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()), config, options);
    }

    /** Listens on {@code address}; accepted connections run their handshake on first use. */
    public static Acceptor bind(InetSocketAddress address, TlsConfig config, SocketOptions options) throws IOException {
        requireServer(config);
        return new TlsAcceptor(TcpTransport.bind(address, options), config);
    }

    /** Listens with default options and serves each connection, handshake done, with {@code handler}. */
    public static ConnectionServer listen(InetSocketAddress address, TlsConfig config, ConnectionHandler handler)
            throws IOException {
        return listen(address, config, SocketOptions.defaults(), ServerOptions.defaults(), handler);
    }

    /** Listens on {@code address} and serves each connection, handshake done, with {@code handler}. */
    public static ConnectionServer listen(InetSocketAddress address, TlsConfig config, SocketOptions socketOptions,
            ServerOptions serverOptions, ConnectionHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        return ConnectionServer.start(bind(address, config, socketOptions), connection -> {
            ((TlsConnection) connection).handshake();
            handler.handle(connection);
        }, serverOptions);
    }

    /**
     * The client side of TLS over {@code raw} (any connection: TCP, a Unix socket...); the handshake
     * runs on first use or {@link TlsConnection#handshake()}. {@code peerHost} is the name verified.
     */
    public static TlsConnection client(Connection raw, TlsConfig config, String peerHost, int peerPort) {
        requireClient(config);
        return new TlsConnection(raw, config.newEngine(peerHost, peerPort), config.handshakeTimeout(),
                config.closeTimeout());
    }

    /** The server side of TLS over {@code raw}; the handshake runs on first use or {@link TlsConnection#handshake()}. */
    public static TlsConnection server(Connection raw, TlsConfig config) {
        requireServer(config);
        return new TlsConnection(raw, config.newEngine(null, -1), config.handshakeTimeout(), config.closeTimeout());
    }

    private static void requireClient(TlsConfig config) {
        if (!config.isClient()) {
            throw new IllegalArgumentException("a client needs TlsConfig.client(), not " + config);
        }
    }

    private static void requireServer(TlsConfig config) {
        if (config.isClient()) {
            throw new IllegalArgumentException("a server needs TlsConfig.server(identity), not " + config);
        }
    }
}
