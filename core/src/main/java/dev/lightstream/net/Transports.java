package dev.lightstream.net;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.stdio.StdioTransport;
import dev.lightstream.transport.tcp.TcpTransport;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsTransport;
import dev.lightstream.transport.unix.UnixTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Opens any {@link Endpoint}: connects to it, binds it or serves it, whatever its scheme, so that
 * callers (and the command line) never switch on {@code tcp}, {@code tls}, {@code unix} or stdio.
 *
 * {@snippet :
 * Endpoint endpoint = Endpoint.parse(args[0]);              // tcp://host:port, tls://..., unix:///path, -
 * try (Connection connection = Transports.connect(endpoint, TransportOptions.defaults())) {
 *     ...
 * }
 * try (ConnectionServer server = Transports.listen(Endpoint.parse("unix:///tmp/s.sock"),
 *         TransportOptions.defaults(), connection -> serve(connection))) {
 *     ...
 * }
 * }
 *
 * <table>
 *   <caption>What each endpoint opens</caption>
 *   <tr><th>endpoint</th><th>connect</th><th>bind / listen</th></tr>
 *   <tr><td>{@code tcp://host:port}</td><td>{@link TcpTransport#connect}</td><td>{@link TcpTransport#bind}</td></tr>
 *   <tr><td>{@code tls://host:port}</td><td>{@link TlsTransport#connect}, handshake done, with the
 *       options' client {@link TlsConfig}</td><td>{@link TlsTransport#bind} with the options' server
 *       {@link TlsConfig}; {@code listen} runs each handshake before the handler</td></tr>
 *   <tr><td>{@code unix:///path}</td><td>{@link UnixTransport#connect}</td><td>{@link UnixTransport#bind}</td></tr>
 *   <tr><td>{@code -}</td><td>{@link StdioTransport#open()}</td><td>{@link StdioTransport#acceptor()}: one
 *       connection, this process's stdin and stdout</td></tr>
 * </table>
 */
public final class Transports {
    private Transports() {}

    /**
     * Connects to {@code endpoint}.
     *
     * @throws IllegalArgumentException for a {@code tls://} endpoint without a client TLS configuration
     * @throws IOException if the connection (or the TLS handshake) fails
     */
    public static Connection connect(Endpoint endpoint, TransportOptions options) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        return switch (endpoint) {
            case Endpoint.Tcp tcp -> TcpTransport.connect(
                    InetSocketAddress.createUnresolved(tcp.host(), tcp.port()), options.socket());
            case Endpoint.Tls tls -> TlsTransport.connect(tls, tls(options, endpoint, true), options.socket());
            case Endpoint.Unix unix -> UnixTransport.connect(unix.path(), options.socket());
            case Endpoint.Stdio stdio -> StdioTransport.open();
        };
    }

    /**
     * Listens on {@code endpoint} (a TCP port of 0 takes any free port: see
     * {@link Acceptor#endpoint()}). Accepted TLS connections run their handshake on first use.
     *
     * @throws IllegalArgumentException for a {@code tls://} endpoint without a server TLS configuration
     */
    public static Acceptor bind(Endpoint endpoint, TransportOptions options) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        return switch (endpoint) {
            case Endpoint.Tcp tcp -> TcpTransport.bind(tcp.socketAddress(), options.socket());
            case Endpoint.Tls tls -> TlsTransport.bind(tls.socketAddress(), tls(options, endpoint, false),
                    options.socket());
            case Endpoint.Unix unix -> UnixTransport.bind(unix.path(), options.socket());
            case Endpoint.Stdio stdio -> StdioTransport.acceptor();
        };
    }

    /**
     * Listens on {@code endpoint} and serves each connection with {@code handler} on a virtual thread
     * of its own (TLS connections with the handshake done). Over stdio the one connection is this
     * process's stdin and stdout.
     */
    public static ConnectionServer listen(Endpoint endpoint, TransportOptions options, ConnectionHandler handler)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        if (endpoint instanceof Endpoint.Tls tls) {
            return TlsTransport.listen(tls.socketAddress(), tls(options, endpoint, false), options.socket(),
                    options.server(), handler);
        }
        return ConnectionServer.start(bind(endpoint, options), handler, options.server());
    }

    private static TlsConfig tls(TransportOptions options, Endpoint endpoint, boolean client) {
        TlsConfig config = options.tls();
        String side = client ? "client" : "server";
        if (config == null) {
            throw new IllegalArgumentException(endpoint + " needs a " + side
                    + " TlsConfig: TransportOptions.withTls(TlsConfig." + side + "(...).build())");
        }
        if (config.isClient() != client) {
            throw new IllegalArgumentException(endpoint + " needs a " + side + " TlsConfig, not " + config);
        }
        return config;
    }
}
