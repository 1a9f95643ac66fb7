package dev.lightstream.webtransport.internal;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
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
    private final BlockingQueue<StreamConnection> pending = new ArrayBlockingQueue<>(PENDING);
    private volatile boolean closed;

    WebTransportAcceptor(ServerConnector connector, java.net.DatagramSocket socket, Endpoint.Url endpoint) {
        this.connector = connector;
        this.socket = socket;
        this.endpoint = endpoint;
    }

    void offer(StreamConnection connection) {
        if (closed || !pending.offer(connection)) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // nothing to tell
            }
        }
    }

    @Override
    public Connection accept() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        try {
            while (true) {
                StreamConnection next = pending.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next;
                }
                if (closed) {
                    throw new AsynchronousCloseException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClosedByInterruptException();
        }
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
        return !closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        connector.close();
        socket.close();
        for (StreamConnection left; (left = pending.poll()) != null; ) {
            left.close();
        }
    }

    @Override
    public String toString() {
        return "WebTransportAcceptor[" + endpoint + "]";
    }
}
