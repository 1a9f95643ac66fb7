package dev.lightstream.webtransport.internal;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.spi.PendingConnections;
import java.io.IOException;
import java.net.SocketAddress;
import tech.kwik.core.server.ServerConnector;

/**
 * A listening WebTransport server as an {@link Acceptor}: every bidirectional stream a client opens
 * in a session at the server's path is one connection. flupke's threads put them in a bounded queue;
 * a stream that finds it full is closed.
 */
final class WebTransportAcceptor implements Acceptor {
    static final int PENDING = 256;

    private final ServerConnector connector;
    private final java.net.DatagramSocket socket;
    private final Endpoint.Url endpoint;
    private final PendingConnections<StreamConnection> pending = new PendingConnections<>(PENDING);

    WebTransportAcceptor(ServerConnector connector, java.net.DatagramSocket socket, Endpoint.Url endpoint) {
        this.connector = connector;
        this.socket = socket;
        this.endpoint = endpoint;
    }

    void offer(StreamConnection connection) {
        if (!pending.offer(connection)) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // nothing to tell
            }
        }
    }

    @Override
    public Connection accept() throws IOException {
        return pending.take();
    }

    @Override
    public SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
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
        connector.close();
        socket.close();
        pending.closeQueued();
    }

    @Override
    public String toString() {
        return "WebTransportAcceptor[" + endpoint + "]";
    }
}
