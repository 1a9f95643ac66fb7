package dev.lightstream.transport.unix;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.internal.SocketChannelConnection;
import dev.lightstream.transport.internal.Timeouts;
import dev.lightstream.transport.internal.Watchdog;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The Unix domain socket transport: the JDK's {@link UnixDomainSocketAddress} and
 * {@link SocketChannel}, no native library. For processes on one machine: no TCP/IP stack, and
 * file permissions on the socket decide who may connect.
 *
 * {@snippet :
 * Path socket = Path.of("/run/app/lightstream.sock");
 * try (ConnectionServer server = UnixTransport.listen(socket, connection -> serve(connection));
 *      Connection client = UnixTransport.connect(socket)) {
 *     ...
 * } // the server deletes the socket file when it closes
 * }
 *
 * <p>Listening on a path whose socket file is left over from a process that died removes that
 * file first, but only when it is a socket and nothing answers on it: a live server's socket gives
 * {@link java.net.BindException}, and a file that is not a socket is never touched. Socket paths are
 * short on most systems (about 100 bytes).
 */
public final class UnixTransport {
    private UnixTransport() {}

    /** Connects with {@link SocketOptions#defaults()}. */
    public static Connection connect(Path socket) throws IOException {
        return connect(socket, SocketOptions.defaults());
    }

    /**
     * Connects to the server listening on {@code socket}.
     *
     * @throws java.net.ConnectException if no server listens there
     * @throws SocketTimeoutException if the server's backlog stays full past the connect timeout
     */
    public static Connection connect(Path socket, SocketOptions options) throws IOException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(options, "options");
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            configure(channel, options);
            // A Unix connect blocks only while the listener's backlog is full; bound that wait.
            if (Timeouts.toNanos(options.connectTimeout(), "connectTimeout") > 0) {
                try (Watchdog watchdog = Watchdog.start(options.connectTimeout(), channel::close)) {
                    try {
                        channel.connect(UnixDomainSocketAddress.of(socket));
                    } catch (AsynchronousCloseException e) {
                        if (watchdog.fired()) {
                            throw new SocketTimeoutException("connect to " + socket + " timed out after "
                                    + options.connectTimeout().toMillis() + " ms");
                        }
                        throw e;
                    }
                }
                if (!channel.isOpen()) { // the watchdog fired just after the connect succeeded
                    throw new SocketTimeoutException("connect to " + socket + " timed out");
                }
            } else {
                channel.connect(UnixDomainSocketAddress.of(socket));
            }
            return new SocketChannelConnection(channel, options.readTimeout());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Listens on {@code socket} with default options. */
    public static Acceptor bind(Path socket) throws IOException {
        return bind(socket, SocketOptions.defaults());
    }

    /**
     * Listens on {@code socket}, removing a stale socket file first (see the class documentation).
     *
     * @throws java.net.BindException if a server already listens there
     * @throws java.nio.file.FileAlreadyExistsException if a file that is not a socket is in the way
     */
    public static Acceptor bind(Path socket, SocketOptions options) throws IOException {
        return new UnixAcceptor(socket, options);
    }

    /** Listens on {@code socket} and serves each connection with {@code handler}, with default options. */
    public static ConnectionServer listen(Path socket, ConnectionHandler handler) throws IOException {
        return listen(socket, SocketOptions.defaults(), ServerOptions.defaults(), handler);
    }

    /** Listens on {@code socket} and serves each connection with {@code handler} on a virtual thread. */
    public static ConnectionServer listen(Path socket, SocketOptions socketOptions, ServerOptions serverOptions,
            ConnectionHandler handler) throws IOException {
        return ConnectionServer.start(bind(socket, socketOptions), handler, serverOptions);
    }

    static void configure(SocketChannel channel, SocketOptions options) throws IOException {
        if (options.sendBufferSize() > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
        }
        if (options.receiveBufferSize() > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
        }
    }
}
