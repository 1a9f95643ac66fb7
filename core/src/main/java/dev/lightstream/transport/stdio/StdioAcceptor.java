package dev.lightstream.transport.stdio;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * An {@link Acceptor} over a single pipe: the first {@link #accept()} hands out the connection
 * (stdin/stdout of this process unless made otherwise), later ones wait until the acceptor is closed.
 * It lets a server written against {@link Acceptor} (or a
 * {@link dev.lightstream.transport.ConnectionServer}) serve its one peer over stdio unchanged.
 */
final class StdioAcceptor implements Acceptor {
    private final Supplier<Connection> opener;
    private final SocketAddress local;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean handedOut;

    StdioAcceptor(Supplier<Connection> opener, SocketAddress local) {
        this.opener = opener;
        this.local = local;
    }

    @Override
    public Connection accept() throws IOException {
        synchronized (this) {
            if (closed.getCount() == 0) {
                throw new ClosedChannelException();
            }
            if (!handedOut) {
                handedOut = true;
                return opener.get();
            }
        }
        // There is only one peer: wait for the end, like an accept on a socket nobody connects to.
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClosedByInterruptException();
        }
        throw new AsynchronousCloseException();
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public Endpoint endpoint() {
        return new Endpoint.Stdio();
    }

    @Override
    public boolean isOpen() {
        return closed.getCount() > 0;
    }

    /** Stops handing out the connection and wakes a waiting accept; the connection handed out stays open. */
    @Override
    public void close() {
        closed.countDown();
    }

    @Override
    public String toString() {
        return "StdioAcceptor[" + local + (handedOut ? ", handed out" : "") + "]";
    }
}
