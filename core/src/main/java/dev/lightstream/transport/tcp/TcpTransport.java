package dev.lightstream.transport.tcp;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.internal.SocketChannelConnection;
import dev.lightstream.transport.internal.Timeouts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.Objects;

/**
 * The TCP transport: blocking {@link SocketChannel}s, client and server.
 *
 * {@snippet :
 * InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
 * try (ConnectionServer server = TcpTransport.listen(loopback, connection -> serve(connection));
 *      Connection client = TcpTransport.connect((InetSocketAddress) server.localAddress())) {
 *     ...
 * }
 * }
 *
 * <p>Connections read from and write to the socket directly (a read into a decoder's buffer is
 * the kernel's copy and no other). TCP_NODELAY is on unless the {@link SocketOptions} say otherwise;
 * buffer sizes, keep-alive, the connect timeout, the read timeout and the backlog come from there too.
 */
public final class TcpTransport {
    private TcpTransport() {}

    /** Connects with {@link SocketOptions#defaults()}. */
    public static Connection connect(InetSocketAddress address) throws IOException {
        return connect(address, SocketOptions.defaults());
    }

    /**
     * Connects to {@code address}, resolving it first if needed.
     *
     * @throws java.net.SocketTimeoutException if the connection is not made within the connect timeout
     * @throws java.net.ConnectException if the peer refuses
     * @throws UnknownHostException if the host name does not resolve
     */
    public static Connection connect(InetSocketAddress address, SocketOptions options) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        InetSocketAddress target = address.isUnresolved() ? new InetSocketAddress(address.getHostString(),
                address.getPort()) : address;
        if (target.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        SocketChannel channel = SocketChannel.open();
        try {
            // Buffer sizes before connecting: the window scale is agreed in the handshake.
            configure(channel, options);
            int timeout = Timeouts.toMillisRoundedUp(options.connectTimeout(), "connectTimeout");
            if (timeout > 0) {
                channel.socket().connect(target, timeout);
            } else {
                channel.connect(target);
            }
            return new SocketChannelConnection(channel, options.readTimeout());
        } catch (UnresolvedAddressException e) {
            channel.close();
            throw new UnknownHostException(address.getHostString());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Listens on {@code address} (port 0: any free port) with default options. */
    public static Acceptor bind(InetSocketAddress address) throws IOException {
        return bind(address, SocketOptions.defaults());
    }

    /**
     * Listens on {@code address} (port 0: any free port); accepted connections get {@code options}.
     *
     * @throws java.net.BindException if the address is in use or not local
     */
    public static Acceptor bind(InetSocketAddress address, SocketOptions options) throws IOException {
        return new TcpAcceptor(address, options);
    }

    /** Listens on {@code address} and serves each connection with {@code handler}, with default options. */
    public static ConnectionServer listen(InetSocketAddress address, ConnectionHandler handler) throws IOException {
        return listen(address, SocketOptions.defaults(), ServerOptions.defaults(), handler);
    }

    /** Listens on {@code address} and serves each connection with {@code handler} on a virtual thread. */
    public static ConnectionServer listen(InetSocketAddress address, SocketOptions socketOptions,
            ServerOptions serverOptions, ConnectionHandler handler) throws IOException {
        return ConnectionServer.start(bind(address, socketOptions), handler, serverOptions);
    }

    /** Applies the per-connection options to a client or accepted channel. */
    static void configure(SocketChannel channel, SocketOptions options) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, options.tcpNoDelay());
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, options.keepAlive());
        if (options.sendBufferSize() > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
        }
        if (options.receiveBufferSize() > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
        }
    }
}
