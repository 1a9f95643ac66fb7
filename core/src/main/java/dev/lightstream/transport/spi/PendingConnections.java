package dev.lightstream.transport.spi;

import dev.lightstream.transport.Connection;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The connections a listening transport has accepted on its library's threads (an event loop) and
 * not yet handed out by {@link dev.lightstream.transport.Acceptor#accept()}: a bounded queue that
 * never blocks the thread that offers, and a blocking take that notices the acceptor's close.
 *
 * <p>A connection that finds the queue full or closed is refused: {@link #offer} returns false and
 * the transport turns it away in its own way (a WebSocket close frame, a stream reset). One that
 * races with {@link #close()} is either refused or closed by it, never left open in the queue.
 *
 * {@snippet :
 * PendingConnections<MyConnection> pending = new PendingConnections<>(256);
 * // on the event loop:
 * if (!pending.offer(connection)) connection.refuse();
 * // Acceptor.accept():
 * return pending.take();
 * // Acceptor.close():
 * if (pending.close()) { stopListening(); pending.closeQueued(); }
 * }
 *
 * @param <C> the transport's connection type
 */
public final class PendingConnections<C extends Connection> {
    /** How often a waiting {@link #take()} looks whether the acceptor was closed. */
    private static final long CLOSE_CHECK_MILLIS = 100;

    private final BlockingQueue<C> queue;
    private volatile boolean closed;

    /** A queue of at most {@code capacity} connections waiting to be accepted. */
    public PendingConnections(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues {@code connection}; false, without blocking, when full or closed: the caller refuses it. */
    public boolean offer(C connection) {
        if (closed || !queue.offer(connection)) {
            return false;
        }
        // A close that ran between the check and the offer has drained the queue already.
        return !closed || !queue.remove(connection);
    }

    /**
     * The next connection, waiting for one.
     *
     * @throws ClosedChannelException if closed before the call
     * @throws AsynchronousCloseException if closed while waiting
     * @throws ClosedByInterruptException if the thread is interrupted (its status is kept)
     */
    public C take() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        try {
            while (true) {
                C next = queue.poll(CLOSE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
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

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Refuses every later offer; true on the first call only, so that the acceptor closes once. */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Closes the connections still queued (after {@link #close()}): nobody will accept them. */
    public void closeQueued() throws IOException {
        IOException failure = null;
        for (C left; (left = queue.poll()) != null; ) {
            try {
                left.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
