package dev.lightstream.transport.internal;

import dev.lightstream.transport.Connection;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Connection} over a connected {@link SocketChannel} (TCP or Unix domain), shared by the
 * socket transports.
 *
 * <p>It starts in blocking mode, where reads and writes are the channel's own: the cheapest path,
 * with no selector. A blocking channel cannot time a read out, so the first positive read timeout
 * switches the channel, once and for good, to <em>polled</em> mode: non-blocking, with a selector
 * per direction, created when a read or write first has to wait. A timed-out read then throws
 * {@link SocketTimeoutException} and leaves the connection as it was. The switch waits for reads
 * and writes in progress to finish: give a read timeout before starting to read (the transports'
 * options do that at connect and accept time).
 */
public final class SocketChannelConnection implements Connection {
    private final SocketChannel channel;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long readTimeoutNanos;
    private volatile boolean polled;
    private volatile Selector readSelector;
    private volatile Selector writeSelector;

    /**
     * Wraps a connected, blocking channel, which this connection now owns.
     *
     * @throws IOException if the channel's addresses cannot be read (it is closed, say)
     */
    public SocketChannelConnection(SocketChannel channel, Duration readTimeout) throws IOException {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (!channel.isBlocking()) {
            throw new IllegalArgumentException("channel must be in blocking mode: " + channel);
        }
        this.local = channel.getLocalAddress();
        this.remote = channel.getRemoteAddress();
        setReadTimeout(readTimeout);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        readLock.lock();
        try {
            if (!polled) {
                return channel.read(dst);
            }
            long deadline = deadline();
            for (;;) {
                int n = channel.read(dst);
                if (n != 0 || !dst.hasRemaining()) {
                    return n;
                }
                awaitReadable(deadline);
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        readLock.lock();
        try {
            if (!polled) {
                return channel.read(dsts, offset, length);
            }
            long deadline = deadline();
            for (;;) {
                long n = channel.read(dsts, offset, length);
                if (n != 0 || !hasRemaining(dsts, offset, length)) {
                    return n;
                }
                awaitReadable(deadline);
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public long read(ByteBuffer[] dsts) throws IOException {
        return read(dsts, 0, dsts.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        writeLock.lock();
        try {
            int total = src.remaining();
            while (src.hasRemaining()) {
                if (channel.write(src) == 0 && polled) {
                    awaitWritable();
                }
            }
            return total;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        writeLock.lock();
        try {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += srcs[i].remaining();
            }
            long left = total;
            int first = offset;
            int end = offset + length;
            while (left > 0) {
                while (!srcs[first].hasRemaining()) {
                    first++;
                }
                // A blocking write may still return early: the kernel takes at most IOV_MAX buffers.
                long n = channel.write(srcs, first, end - first);
                left -= n;
                if (n == 0 && polled) {
                    awaitWritable();
                }
            }
            return total;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    private long deadline() {
        long timeout = readTimeoutNanos;
        return timeout == 0 ? 0 : System.nanoTime() + timeout;
    }

    private void awaitReadable(long deadline) throws IOException {
        long wait = 0;
        if (deadline != 0) {
            wait = deadline - System.nanoTime();
            if (wait <= 0) {
                throw new SocketTimeoutException("read timed out after "
                        + Duration.ofNanos(readTimeoutNanos).toMillis() + " ms from " + remote);
            }
        }
        Selector selector = readSelector;
        if (selector == null) {
            selector = readSelector = openSelector(SelectionKey.OP_READ);
        }
        await(selector, wait);
    }

    private void awaitWritable() throws IOException {
        Selector selector = writeSelector;
        if (selector == null) {
            selector = writeSelector = openSelector(SelectionKey.OP_WRITE);
        }
        await(selector, 0);
    }

    private Selector openSelector(int op) throws IOException {
        Selector selector = Selector.open();
        try {
            channel.register(selector, op);
        } catch (IOException | RuntimeException e) {
            selector.close();
            if (closed.get()) {
                throw asyncClose(e);
            }
            throw e;
        }
        return selector;
    }

    /** Waits until the selector reports the channel ready, {@code nanos} elapse (0: forever), or a close. */
    private void await(Selector selector, long nanos) throws IOException {
        if (closed.get()) {
            // close() may have missed a selector created just now: it must not outlive the connection.
            closeSelectors();
            throw new AsynchronousCloseException();
        }
        try {
            if (nanos > 0) {
                selector.select(Math.max(1, (nanos + 999_999) / 1_000_000));
            } else {
                selector.select();
            }
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw asyncClose(e);
        }
        if (closed.get() || !channel.isOpen()) {
            throw new AsynchronousCloseException();
        }
        if (Thread.currentThread().isInterrupted()) {
            // What a blocking channel does on interrupt: close, and say why.
            close();
            throw new ClosedByInterruptException();
        }
    }

    private static AsynchronousCloseException asyncClose(Exception cause) {
        AsynchronousCloseException e = new AsynchronousCloseException();
        e.initCause(cause);
        return e;
    }

    private static boolean hasRemaining(ByteBuffer[] buffers, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            channel.shutdownOutput();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        long nanos = Timeouts.toNanos(timeout, "read timeout");
        if (nanos > 0 && !polled) {
            readLock.lock();
            writeLock.lock();
            try {
                if (!polled) {
                    channel.configureBlocking(false);
                    polled = true;
                }
            } finally {
                writeLock.unlock();
                readLock.unlock();
            }
        }
        readTimeoutNanos = nanos;
    }

    @Override
    public Duration readTimeout() {
        return Duration.ofNanos(readTimeoutNanos);
    }

    /** True once the connection waits through selectors (a read timeout was set). */
    public boolean isPolled() {
        return polled;
    }

    /** The channel, for transports that set socket options on it. */
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } finally {
                closeSelectors();
            }
        }
    }

    private void closeSelectors() throws IOException {
        // Closing a selector wakes a thread selecting on it; that thread then sees the close.
        Selector r = readSelector;
        Selector w = writeSelector;
        try {
            if (r != null) {
                r.close();
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
    }

    @Override
    public String toString() {
        return "SocketChannelConnection[local=" + local + ", remote=" + remote + (polled ? ", polled" : "") + "]";
    }
}
