package dev.lightstream.transport.stdio;

import dev.lightstream.transport.Connection;
import dev.lightstream.transport.internal.Timeouts;
import dev.lightstream.transport.internal.Watchdog;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.InterruptibleChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Connection} made of two one-way channels: an input to read from and an output to write to
 * (stdin and stdout, a pair of FIFOs, the two ends of two pipes).
 *
 * <p>Pipes cannot be polled with the JDK alone, so a read timeout is enforced by closing the input
 * when it expires: the read throws {@link SocketTimeoutException} and the input is closed for good
 * (reads then throw {@link ClosedChannelException}). It needs an input that can be closed while a
 * read blocks ({@link InterruptibleChannel}, as every {@code FileChannel} is).
 * {@link #shutdownOutput()} closes the output, which the peer reads as the end of input.
 */
final class PipeConnection implements Connection {
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Duration readTimeout = Duration.ZERO;

    PipeConnection(ReadableByteChannel in, WritableByteChannel out, SocketAddress local, SocketAddress remote) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.local = local;
        this.remote = remote;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        readLock.lock();
        try {
            Duration timeout = readTimeout;
            if (timeout.isZero()) {
                return in.read(dst);
            }
            try (Watchdog watchdog = Watchdog.start(timeout, in::close)) {
                try {
                    return in.read(dst);
                } catch (AsynchronousCloseException e) {
                    throw watchdog.fired() ? timedOut(timeout, e) : e;
                }
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        if (!(in instanceof ScatteringByteChannel scattering)) {
            for (int i = offset; i < offset + length; i++) {
                if (dsts[i].hasRemaining()) {
                    return read(dsts[i]);
                }
            }
            return 0;
        }
        readLock.lock();
        try {
            Duration timeout = readTimeout;
            if (timeout.isZero()) {
                return scattering.read(dsts, offset, length);
            }
            try (Watchdog watchdog = Watchdog.start(timeout, in::close)) {
                try {
                    return scattering.read(dsts, offset, length);
                } catch (AsynchronousCloseException e) {
                    throw watchdog.fired() ? timedOut(timeout, e) : e;
                }
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public long read(ByteBuffer[] dsts) throws IOException {
        return read(dsts, 0, dsts.length);
    }

    private SocketTimeoutException timedOut(Duration timeout, Exception cause) {
        SocketTimeoutException e = new SocketTimeoutException("read from " + remote + " timed out after "
                + timeout.toMillis() + " ms; the input is now closed (a pipe read cannot be abandoned otherwise)");
        e.initCause(cause);
        return e;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
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
            if (out instanceof GatheringByteChannel gathering) {
                long left = total;
                int first = offset;
                while (left > 0) {
                    while (!srcs[first].hasRemaining()) {
                        first++;
                    }
                    left -= gathering.write(srcs, first, offset + length - first);
                }
            } else {
                for (int i = offset; i < offset + length; i++) {
                    while (srcs[i].hasRemaining()) {
                        out.write(srcs[i]);
                    }
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
        if (closed.get()) {
            throw new ClosedChannelException();
        }
        writeLock.lock();
        try {
            out.close();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnsupportedOperationException if the input cannot be closed under a blocked read
     */
    @Override
    public void setReadTimeout(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout, "read timeout");
        if (nanos > 0 && !(in instanceof InterruptibleChannel)) {
            throw new UnsupportedOperationException("read timeouts need an input that can be closed under a "
                    + "blocked read (an InterruptibleChannel); " + in.getClass().getName() + " is not one");
        }
        readTimeout = Duration.ofNanos(nanos);
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            try {
                in.close();
            } finally {
                out.close();
            }
        }
    }

    @Override
    public String toString() {
        return "PipeConnection[" + local + " <-> " + remote + "]";
    }
}
