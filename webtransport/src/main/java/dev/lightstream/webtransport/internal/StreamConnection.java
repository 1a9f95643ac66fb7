package dev.lightstream.webtransport.internal;

import dev.lightstream.transport.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import tech.kwik.flupke.webtransport.WebTransportStream;

/**
 * A {@link Connection} over one bidirectional WebTransport stream, whose library side is blocking
 * streams: reads and writes go through kwik's {@link InputStream} and {@link OutputStream}, which
 * apply QUIC's flow control (a reader that does not read stops the peer's writer). Bytes are copied
 * once each way through a 64 KiB array, as the streams take arrays only.
 *
 * <p>A read timeout cannot interrupt kwik's read: when one runs out the stream is closed and the read
 * throws {@link SocketTimeoutException} (the connection is then unusable, as over stdio).
 */
final class StreamConnection implements Connection {
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lightstream-webtransport-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    private static final byte[] NOTHING = new byte[0];
    private static final long KICK_MILLIS = 200;
    /** How long the tail of an ended output is asked for: kwik's idle timeout would end it anyway. */
    private static final long KICK_AFTER_END_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final WebTransportStream stream;
    private final InputStream in;
    private final OutputStream out;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final Runnable onClose;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final byte[] readBuffer = new byte[64 * 1024];
    private final byte[] writeBuffer = new byte[64 * 1024];
    private volatile boolean closed;
    private volatile boolean outputShut;
    private volatile boolean timedOut;
    private volatile boolean writing;
    private volatile ScheduledFuture<?> kicker; // set under writeLock
    private volatile long kickUntil; // nanoTime, once the output has ended
    private final Runnable sendRequest; // kwik's own request to send this stream's bytes, or null
    private volatile Duration readTimeout = Duration.ZERO;

    StreamConnection(WebTransportStream stream, SocketAddress local, SocketAddress remote, Runnable onClose) {
        this.stream = stream;
        this.in = stream.getInputStream();
        this.out = stream.getOutputStream();
        this.local = local;
        this.remote = remote;
        this.onClose = onClose;
        this.sendRequest = KwikSendRequest.of(out);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        readLock.lock();
        try {
            ScheduledFuture<?> timer = null;
            long timeout = readTimeout.toMillis();
            if (timeout > 0) {
                timer = TIMERS.schedule(this::timeOut, timeout, TimeUnit.MILLISECONDS);
            }
            int n;
            try {
                n = in.read(readBuffer, 0, Math.min(readBuffer.length, dst.remaining()));
            } catch (IOException e) {
                if (timedOut) {
                    throw new SocketTimeoutException("read timed out after " + readTimeout + " (the stream is closed)");
                }
                if (closed) {
                    throw new AsynchronousCloseException();
                }
                throw e;
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
            if (n < 0) {
                if (timedOut) {
                    throw new SocketTimeoutException("read timed out after " + readTimeout + " (the stream is closed)");
                }
                return -1;
            }
            dst.put(readBuffer, 0, n);
            return n;
        } finally {
            readLock.unlock();
        }
    }

    private void timeOut() {
        timedOut = true;
        closeQuietly();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    @Override
    public long read(ByteBuffer[] dsts) throws IOException {
        return read(dsts, 0, dsts.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        writeLock.lock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (outputShut) {
                throw new IOException("the output of this WebTransport stream is shut down");
            }
            if (kicker == null) {
                kicker = TIMERS.scheduleWithFixedDelay(this::kick, KICK_MILLIS, KICK_MILLIS, TimeUnit.MILLISECONDS);
            }
            writing = true;
            try {
                return writeAll(srcs, offset, length);
            } finally {
                writing = false;
            }
        } catch (IOException e) {
            if (closed) {
                throw new AsynchronousCloseException();
            }
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Asks kwik's sender to look at this stream again, every {@value #KICK_MILLIS} ms from the first
     * write until a while after the output ended. kwik 0.10.8 can lose a stream's send request
     * ({@link KwikSendRequest} says how): its bytes then wait, the writer blocks on the full buffer or
     * the tail and FIN never leave, and the peer's reader waits until the idle timeout resets the
     * stream (about one run in three of a 9 MiB table here). Where kwik's own request is reachable it
     * is made again; else a write of nothing, which queues one, while a write is in progress.
     */
    private void kick() {
        if (sendRequest != null) {
            sendRequest.run(); // also after the output ended: its tail and FIN may be what waits
            if (outputShut && System.nanoTime() - kickUntil > 0) {
                stopKicking();
            }
            return;
        }
        if (!writing) {
            return;
        }
        try {
            out.write(NOTHING, 0, 0);
        } catch (IOException | RuntimeException ignored) {
            // the stream is closing: the write in progress reports it
        }
    }

    /** True if kwik's own send request is reachable (else writes of nothing stand in for it). */
    boolean repairsLostSendRequests() {
        return sendRequest != null;
    }

    private void stopKicking() {
        ScheduledFuture<?> k = kicker;
        if (k != null) {
            k.cancel(false);
        }
    }

    private long writeAll(ByteBuffer[] srcs, int offset, int length) throws IOException {
        {
            long total = 0;
            int filled = 0;
            for (int i = offset; i < offset + length; i++) {
                ByteBuffer src = srcs[i];
                while (src.hasRemaining()) {
                    int n = Math.min(src.remaining(), writeBuffer.length - filled);
                    src.get(writeBuffer, filled, n);
                    filled += n;
                    total += n;
                    if (filled == writeBuffer.length) {
                        out.write(writeBuffer, 0, filled);
                        filled = 0;
                    }
                }
            }
            if (filled > 0) {
                out.write(writeBuffer, 0, filled);
            }
            out.flush(); // kwik 0.10.8 stalls without it (a 9 MiB table never completed in a test)
            return total;
        }
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
            if (closed) {
                throw new ClosedChannelException();
            }
            if (!outputShut) {
                kickUntil = System.nanoTime() + KICK_AFTER_END_NANOS;
                outputShut = true;
                out.close(); // FIN after everything written
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout=" + timeout + " is negative");
        }
        this.readTimeout = timeout;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Closes the connection. After {@link #shutdownOutput()} the stream is left to finish by itself:
     * kwik may still hold written bytes unsent, and closing its input would reset the stream and
     * lose them. Otherwise both directions are closed at once (the peer reads an error, or the
     * output's FIN).
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!outputShut || sendRequest == null) {
            stopKicking(); // else the tail goes on being asked for until KICK_AFTER_END_NANOS
        }
        try {
            if (!outputShut) {
                outputShut = true;
                out.close();
                in.close();
            }
        } catch (IOException ignored) {
            // the stream or its session is gone already
        } finally {
            onClose.run();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "WebTransportStream[" + local + " -> " + remote + "]";
    }
}
