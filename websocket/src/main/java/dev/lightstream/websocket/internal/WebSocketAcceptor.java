package dev.lightstream.websocket.internal;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.spi.PendingConnections;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A listening WebSocket server as an {@link Acceptor}: the event loop puts each upgraded connection
 * in a bounded queue (never blocking), and {@link #accept()} takes them. When the queue is full (no
 * one accepts) a new WebSocket is closed with status 1013, "try again later".
 */
final class WebSocketAcceptor implements Acceptor {
    static final int PENDING = 256;

    private final Channel server;
    private final Endpoint.Url endpoint;
    private final PendingConnections<WebSocketConnection> pending = new PendingConnections<>(PENDING);

    private final java.time.Duration readTimeout;

    WebSocketAcceptor(Channel server, Endpoint.Url requested, String streamPath, java.time.Duration readTimeout) {
        this.server = server;
        this.readTimeout = readTimeout;
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        this.endpoint = requested.withPort(bound.getPort()).withPath(streamPath);
    }

    /** On the event loop: a new upgraded connection. */
    void offer(WebSocketConnection connection, Channel channel) {
        connection.setReadTimeout(readTimeout);
        if (!pending.offer(connection)) {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.TRY_AGAIN_LATER))
                    .addListener(f -> channel.close());
        }
    }

    @Override
    public Connection accept() throws IOException {
        return pending.take();
    }

    @Override
    public SocketAddress localAddress() {
        return server.localAddress();
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public boolean isOpen() {
        return !pending.isClosed();
    }

    @Override
    public void close() throws IOException {
        if (!pending.close()) {
            return;
        }
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        pending.closeQueued();
    }

    @Override
    public String toString() {
        return "WebSocketAcceptor[" + endpoint + "]";
    }
}
