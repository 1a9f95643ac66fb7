package dev.lightstream.quic.internal;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.spi.PendingConnections;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A listening QUIC server as an {@link Acceptor}: every stream a client opens (on any of its QUIC
 * connections) is one connection. The event loop puts them in a bounded queue, never blocking; a
 * stream that finds the queue full is reset.
 */
final class QuicAcceptor implements Acceptor {
    static final int PENDING = 256;

    private final Channel udp;
    private final Endpoint.Url endpoint;
    private final Duration readTimeout;
    private final PendingConnections<QuicStreamConnection> pending = new PendingConnections<>(PENDING);

    private final io.netty.channel.group.ChannelGroup connections;

    QuicAcceptor(Channel udp, io.netty.channel.group.ChannelGroup connections, Endpoint.Url requested,
            Duration readTimeout) {
        this.udp = udp;
        this.connections = connections;
        this.endpoint = requested.withPort(((InetSocketAddress) udp.localAddress()).getPort());
        this.readTimeout = readTimeout;
    }

    void offer(QuicStreamConnection connection) {
        connection.setReadTimeout(readTimeout);
        if (!pending.offer(connection)) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing a stream never fails here
            }
        }
    }

    @Override
    public Connection accept() throws IOException {
        return pending.take();
    }

    @Override
    public SocketAddress localAddress() {
        return udp.localAddress();
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public boolean isOpen() {
        return !pending.isClosed();
    }

    /** Stops listening and closes every QUIC connection of this server. */
    @Override
    public void close() throws IOException {
        if (!pending.close()) {
            return;
        }
        // CONNECTION_CLOSE to every client first, so that their streams fail now rather than at the
        // idle timeout; then the UDP socket.
        java.util.List<io.netty.util.concurrent.Future<?>> closing = new java.util.ArrayList<>();
        for (Channel connection : connections) {
            // An application close (0, no reason) that quiche turns into a CONNECTION_CLOSE frame.
            closing.add(((io.netty.handler.codec.quic.QuicChannel) connection).close(true, 0,
                    io.netty.buffer.Unpooled.EMPTY_BUFFER));
        }
        for (io.netty.util.concurrent.Future<?> future : closing) {
            future.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        // The codec flushes datagrams lazily: push the CONNECTION_CLOSE packets out before the socket goes.
        udp.eventLoop().submit(udp::flush).awaitUninterruptibly(5, TimeUnit.SECONDS);
        udp.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        pending.closeQueued();
    }

    @Override
    public String toString() {
        return "QuicAcceptor[" + endpoint + "]";
    }
}
