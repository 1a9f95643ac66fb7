package dev.lightstream.transport.tcp;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.internal.SocketChannelConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/** A listening TCP socket that hands out {@link SocketChannelConnection}s. */
final class TcpAcceptor implements Acceptor {
    private final ServerSocketChannel server;
    private final SocketOptions options;
    private final InetSocketAddress local;

    TcpAcceptor(InetSocketAddress address, SocketOptions options) throws IOException {
        Objects.requireNonNull(address, "address");
        this.options = Objects.requireNonNull(options, "options");
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (options.receiveBufferSize() > 0) {
                // Set on the listener so that accepted sockets start with it (window scaling).
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
            }
            channel.bind(address, options.backlog());
            this.local = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.server = channel;
    }

    @Override
    public Connection accept() throws IOException {
        SocketChannel channel = server.accept();
        try {
            TcpTransport.configure(channel, options);
            return new SocketChannelConnection(channel, options.readTimeout());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.of(local);
    }

    @Override
    public boolean isOpen() {
        return server.isOpen();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    @Override
    public String toString() {
        return "TcpAcceptor[" + endpoint() + "]";
    }
}
