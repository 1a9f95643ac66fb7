package dev.lightstream.transport.spi;

import dev.lightstream.transport.Connection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking {@link Connection} over a transport library that delivers received bytes from its own
 * threads (a Netty event loop, say) and sends asynchronously: the library's side calls
 * {@link #received}, {@link #receivedEnd()} and {@link #failed}, never blocking; the application's
 * threads read from a bounded queue and write through {@link #send}.
 *
 * {@snippet :
 * final class StreamConnection extends BridgeConnection {
 *     StreamConnection(Channel channel) { super(4 << 20); this.channel = channel; }
 *     protected void pauseReceiving()  { channel.config().setAutoRead(false); }
 *     protected void resumeReceiving() { channel.config().setAutoRead(true); }
 *     protected void send(ByteBuffer[] srcs, int offset, int length) throws IOException { ... wait for the write ... }
 *     ...
 * }
 * // on the event loop:  connection.received(buf.nioBuffer(), buf::release);
 * }
 *
 * <p><b>Backpressure.</b> Once more than the receive budget is queued unread, {@link #pauseReceiving()}
 * is called (the transport stops reading its socket, so flow control reaches the peer); once the reader
 * has drained the queue to half the budget, {@link #resumeReceiving()}. The queue may overshoot the
 * budget by what the transport had already read; it never blocks the transport's thread.
 *
 * <p><b>Errors.</b> Bytes received before a failure are read first; then reads throw the failure
 * (a typed {@link IOException}: {@link java.io.EOFException} for a peer that vanished mid-stream).
 * After {@link #receivedEnd()} reads return -1. Reads and writes follow the {@link Connection}
 * contract for timeouts, close and interrupts.
 */
public abstract class BridgeConnection implements Connection {
    private final long receiveBudget;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private long queued;
    private boolean paused;
    private boolean ended;
    private IOException failure;
    private volatile boolean closed;
    private volatile Duration readTimeout = Duration.ZERO;

    private record Chunk(ByteBuffer bytes, Runnable release) {}

    /**
     * @param receiveBudget bytes queued unread before reading from the transport pauses
     * @throws IllegalArgumentException if the budget is not positive
     */
    protected BridgeConnection(long receiveBudget) {
        if (receiveBudget <= 0) {
            throw new IllegalArgumentException("receiveBudget=" + receiveBudget + " must be positive");
        }
        this.receiveBudget = receiveBudget;
    }

    // ---- the transport's side: never blocks --------------------------------------------------

    /**
     * Queues received bytes (from {@code bytes.position()} to its limit) for the reader;
     * {@code release} runs once they have been read, or dropped on close. Empty chunks are released
     * at once.
     */
    protected final void received(ByteBuffer bytes, Runnable release) {
        Objects.requireNonNull(release, "release");
        boolean pause = false;
        lock.lock();
        try {
            if (closed || ended || failure != null || !bytes.hasRemaining()) {
                release.run();
                return;
            }
            queue.addLast(new Chunk(bytes, release));
            queued += bytes.remaining();
            if (!paused && queued > receiveBudget) {
                paused = true;
                pause = true;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        if (pause) {
            pauseReceiving();
        }
    }

    /** The peer ended its output cleanly: reads return -1 once the queue is drained. */
    protected final void receivedEnd() {
        lock.lock();
        try {
            if (failure == null) {
                ended = true;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The transport failed (or the peer vanished): reads throw {@code cause} once the queue is
     * drained. A failure after a clean end is ignored by readers. The first failure wins.
     */
    protected final void failed(IOException cause) {
        Objects.requireNonNull(cause, "cause");
        lock.lock();
        try {
            if (failure == null && !ended) {
                failure = cause;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The failure reported by the transport, if any. */
    protected final IOException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** Stops reading from the transport (called from the reader's or the transport's thread). */
    protected abstract void pauseReceiving();

    /** Reads from the transport again. */
    protected abstract void resumeReceiving();

    /**
     * Hands every remaining byte of the buffers to the transport and returns once the transport is
     * done with them (the caller may reuse them then). Called with the write lock held.
     */
    protected abstract void send(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** Ends the output (a close frame, a FIN). Called with the write lock held. */
    protected abstract void sendEnd() throws IOException;

    /** Closes the transport both ways; must not block for long. Called once. */
    protected abstract void closeTransport() throws IOException;

    // ---- the application's side --------------------------------------------------------------

    @Override
    public final int read(ByteBuffer dst) throws IOException {
        return (int) read(new ByteBuffer[] {dst}, 0, 1);
    }

    @Override
    public final long read(ByteBuffer[] dsts) throws IOException {
        return read(dsts, 0, dsts.length);
    }

    @Override
    public final long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        long wanted = 0;
        for (int i = offset; i < offset + length; i++) {
            wanted += dsts[i].remaining();
        }
        if (closed) {
            throw new ClosedChannelException();
        }
        if (wanted == 0) {
            return 0;
        }
        readLock.lock();
        try {
            boolean resume = false;
            long copied = 0;
            lock.lock();
            try {
                long deadline = 0;
                long timeoutNanos = readTimeout.toNanos();
                if (timeoutNanos > 0) {
                    deadline = System.nanoTime() + timeoutNanos;
                }
                while (queue.isEmpty()) {
                    if (closed) {
                        throw new AsynchronousCloseException();
                    }
                    if (failure != null) {
                        throw rethrow(failure);
                    }
                    if (ended) {
                        return -1;
                    }
                    try {
                        if (timeoutNanos > 0) {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                throw new SocketTimeoutException("read timed out after " + readTimeout);
                            }
                            readable.awaitNanos(left);
                        } else {
                            readable.await();
                        }
                    } catch (InterruptedException e) {
                        lock.unlock();
                        try {
                            closeQuietly();
                        } finally {
                            lock.lock();
                        }
                        Thread.currentThread().interrupt();
                        throw new ClosedByInterruptException();
                    }
                }
                int d = offset;
                while (!queue.isEmpty() && d < offset + length) {
                    Chunk chunk = queue.peekFirst();
                    ByteBuffer dst = dsts[d];
                    if (!dst.hasRemaining()) {
                        d++;
                        continue;
                    }
                    int n = Math.min(dst.remaining(), chunk.bytes().remaining());
                    ByteBuffer src = chunk.bytes();
                    int limit = src.limit();
                    src.limit(src.position() + n);
                    dst.put(src);
                    src.limit(limit);
                    copied += n;
                    queued -= n;
                    if (!src.hasRemaining()) {
                        queue.pollFirst();
                        chunk.release().run();
                    }
                }
                if (paused && queued <= receiveBudget / 2) {
                    paused = false;
                    resume = true;
                }
            } finally {
                lock.unlock();
            }
            if (resume) {
                resumeReceiving();
            }
            return copied;
        } finally {
            readLock.unlock();
        }
    }

    private static IOException rethrow(IOException failure) {
        // Truncation gets a fresh EOFException with this reader's trace; others keep their type.
        if (failure.getClass() == java.io.EOFException.class) {
            return (IOException) new java.io.EOFException(failure.getMessage()).initCause(failure);
        }
        return failure;
    }

    @Override
    public final int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public final long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public final long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += srcs[i].remaining();
        }
        writeLock.lock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (total > 0) {
                send(srcs, offset, length);
            }
            return total;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            sendEnd();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final void setReadTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout=" + timeout + " is negative");
        }
        this.readTimeout = timeout;
    }

    @Override
    public final Duration readTimeout() {
        return readTimeout;
    }

    /** True until closed. */
    @Override
    public final boolean isOpen() {
        return !closed;
    }

    /** True once closed by this side. */
    protected final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Chunk chunk : queue) {
                chunk.release().run();
            }
            queue.clear();
            queued = 0;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        closeTransport();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // Interrupted readers close the connection; the interrupt is what they report.
        }
    }

    /**
     * Waits (in slices, so an interrupt or a close is noticed) for a transport operation that
     * completes on another thread; for subclasses' {@link #send}.
     *
     * @throws ClosedByInterruptException if interrupted (the connection is closed)
     */
    protected final void awaitInterruptibly(java.util.concurrent.Future<?> operation) throws IOException {
        try {
            while (true) {
                try {
                    operation.get(100, TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.TimeoutException e) {
                    if (closed) {
                        throw new AsynchronousCloseException();
                    }
                }
            }
        } catch (InterruptedException e) {
            closeQuietly();
            Thread.currentThread().interrupt();
            throw new ClosedByInterruptException();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (closed) {
                throw new AsynchronousCloseException();
            }
            IOException known = failure();
            if (known != null) {
                throw new IOException("send failed: " + known.getMessage(), known);
            }
            if (cause instanceof IOException io) {
                throw new IOException("send failed: " + (io.getMessage() != null ? io.getMessage() : io.toString()), io);
            }
            throw new IOException("send failed: " + cause, cause);
        }
    }
}
