package dev.lightstream.transport.tls;

import dev.lightstream.transport.Connection;
import dev.lightstream.transport.internal.Watchdog;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * A TLS connection: an {@link SSLEngine} over another {@link Connection} (TCP, usually).
 *
 * {@snippet :
 * try (TlsConnection connection = TlsTransport.connect(new InetSocketAddress("db.example.com", 7443), config)) {
 *     SSLSession session = connection.session();   // protocol, cipher suite, peer certificates
 *     new FramedReader<>(connection, decoder)...   // plaintext, straight into the decoder's buffer
 * }
 * }
 *
 * <p><b>Zero copy where it can be.</b> Reads decrypt straight into the caller's buffers: a record
 * that does not fit spills its tail into a small internal buffer served by the next read. Writes
 * encrypt the caller's buffers (gathering) into a buffer of several records, sent in one write.
 *
 * <p><b>Handshake.</b> Clients from {@link TlsTransport#connect} and servers from
 * {@link TlsTransport#listen} have completed it; otherwise the first read or write runs it, or call
 * {@link #handshake()}. It is bounded by the configuration's handshake timeout
 * ({@link SocketTimeoutException}, the connection closed). Failures (an untrusted certificate, a
 * wrong host, a missing client certificate) raise {@link SSLHandshakeException} naming the peer and
 * the reason, and the peer receives the TLS alert. With TLS 1.3 a client learns that the server
 * refused its certificate only at its first read, which then throws the
 * {@code SSLHandshakeException}.
 *
 * <p><b>Ending.</b> {@link #shutdownOutput()} sends close_notify and half-closes the socket. Under
 * TLS 1.3 reading goes on; TLS 1.2 has no half-close, and a TLS 1.2 peer answers close_notify by
 * closing both directions, so end TLS 1.2 streams with a message of your own instead.
 * {@link #close()} sends close_notify when no write is in progress, waiting at most the close
 * timeout for the peer to take it. A read that meets the end of the socket without close_notify
 * throws {@link SSLException} (the data may have been cut short by an attacker or a crash); after
 * close_notify, reads return -1.
 *
 * <p>Threads as for any {@link Connection}: one reader and one writer may work at once.
 */
public final class TlsConnection implements Connection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Connection raw;
    private final SSLEngine engine;
    private final Duration handshakeTimeout;
    private final Duration closeTimeout;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean handshaken;
    private IOException handshakeFailure; // under both locks
    // Read side (readLock): ciphertext received, in write mode; plaintext that did not fit, in read mode.
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private final ByteBuffer[] single = new ByteBuffer[1];
    private ByteBuffer[] targets = new ByteBuffer[2];
    private boolean inboundDone;
    // Write side (writeLock): ciphertext to send.
    private ByteBuffer netOut;
    private boolean outboundDone;

    TlsConnection(Connection raw, SSLEngine engine, Duration handshakeTimeout, Duration closeTimeout) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.handshakeTimeout = handshakeTimeout;
        this.closeTimeout = closeTimeout;
        SSLSession session = engine.getSession();
        // Room for several records per system call each way.
        this.netIn = ByteBuffer.allocateDirect(session.getPacketBufferSize() * 4);
        this.netOut = ByteBuffer.allocateDirect(session.getPacketBufferSize() * 4);
        this.appIn = ByteBuffer.allocateDirect(session.getApplicationBufferSize()).flip();
    }

    /**
     * Runs the handshake if it has not run yet; returns at once if it has.
     *
     * @throws SSLHandshakeException if the peers do not agree or trust each other
     * @throws SocketTimeoutException if it takes longer than the handshake timeout
     */
    public void handshake() throws IOException {
        if (handshaken) {
            return;
        }
        readLock.lock();
        writeLock.lock();
        try {
            if (handshaken) {
                return;
            }
            if (handshakeFailure != null) {
                throw handshakeFailure;
            }
            Watchdog watchdog = handshakeTimeout.isZero() ? null : Watchdog.start(handshakeTimeout, raw::close);
            try {
                runHandshake();
                if (watchdog != null) {
                    watchdog.close();
                    if (watchdog.fired()) { // it closed the socket just as the handshake ended
                        throw new ClosedChannelException();
                    }
                }
                handshaken = true;
            } catch (IOException e) {
                handshakeFailure = describe(e, watchdog != null && watchdog.fired());
                closeQuietly();
                throw handshakeFailure;
            } finally {
                if (watchdog != null) {
                    watchdog.close();
                }
            }
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    private IOException describe(IOException e, boolean timedOut) {
        String peer = String.valueOf(raw.remoteAddress());
        if (timedOut) {
            SocketTimeoutException timeout = new SocketTimeoutException("TLS handshake with " + peer
                    + " timed out after " + handshakeTimeout.toMillis() + " ms");
            timeout.initCause(e);
            return timeout;
        }
        if (e instanceof SSLException) {
            SSLHandshakeException failure = new SSLHandshakeException("TLS handshake with " + peer + " failed: "
                    + e.getMessage());
            failure.initCause(e);
            return failure;
        }
        return e;
    }

    private void runHandshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus status = engine.getHandshakeStatus();
        try {
            for (;;) {
                switch (status) {
                    case NEED_WRAP -> {
                        netOut.clear();
                        SSLEngineResult result = engine.wrap(EMPTY, netOut);
                        flushNetOut();
                        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw new SSLHandshakeException("the TLS engine closed during the handshake");
                        }
                        status = result.getHandshakeStatus();
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        appIn.compact(); // keeps any early application data for read()
                        netIn.flip();
                        SSLEngineResult result;
                        try {
                            result = engine.unwrap(netIn, appIn);
                        } finally {
                            netIn.compact();
                            appIn.flip();
                        }
                        switch (result.getStatus()) {
                            case BUFFER_UNDERFLOW -> {
                                if (fill() < 0) {
                                    throw new SSLHandshakeException("the peer closed the connection during the TLS "
                                            + "handshake");
                                }
                            }
                            case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize(),
                                    true);
                            case CLOSED -> throw new SSLHandshakeException("the peer ended TLS during the handshake");
                            case OK -> { }
                        }
                        status = result.getHandshakeStatus();
                    }
                    case NEED_TASK -> {
                        runTasks();
                        status = engine.getHandshakeStatus();
                    }
                    case FINISHED, NOT_HANDSHAKING -> {
                        return;
                    }
                }
            }
        } catch (SSLException e) {
            sendPendingAlert();
            throw e;
        }
    }

    /** After a failure the engine may hold an alert for the peer: send it, best effort. */
    private void sendPendingAlert() {
        try {
            netOut.clear();
            for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                if (engine.wrap(EMPTY, netOut).bytesProduced() == 0) {
                    break;
                }
            }
            flushNetOut();
        } catch (IOException | RuntimeException ignored) {
            // The handshake failure is what the caller needs to know.
        }
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    /** Reads ciphertext from the socket into {@code netIn}, growing it if a record needs more room. */
    private int fill() throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn.remaining() < packet && netIn.position() + packet > netIn.capacity()) {
            netIn = grow(netIn, netIn.position() + packet, false);
        }
        return raw.read(netIn);
    }

    /** A larger copy of {@code buffer}: in read mode ({@code reading}) or write mode, keeping its content. */
    private static ByteBuffer grow(ByteBuffer buffer, int atLeast, boolean reading) {
        ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(atLeast, buffer.capacity() * 2));
        if (reading) {
            bigger.put(buffer).flip();
        } else {
            bigger.put(buffer.flip());
        }
        return bigger;
    }

    private void flushNetOut() throws IOException {
        netOut.flip();
        while (netOut.hasRemaining()) {
            raw.write(netOut);
        }
        netOut.clear();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        handshake();
        readLock.lock();
        try {
            ByteBuffer[] one = single;
            one[0] = dst;
            try {
                return (int) readLocked(one, 0, 1);
            } finally {
                one[0] = null;
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        handshake();
        readLock.lock();
        try {
            return readLocked(dsts, offset, length);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public long read(ByteBuffer[] dsts) throws IOException {
        return read(dsts, 0, dsts.length);
    }

    private long readLocked(ByteBuffer[] dsts, int offset, int length) throws IOException {
        if (closed.get()) {
            throw new ClosedChannelException();
        }
        long total = drainAppIn(dsts, offset, length);
        if (total > 0 || !hasRemaining(dsts, offset, length)) {
            return total;
        }
        if (inboundDone) {
            return -1;
        }
        if (targets.length < length + 1) {
            targets = new ByteBuffer[length + 1];
        }
        int idle = 0;
        for (;;) {
            if (netIn.position() > 0) {
                // Decrypt into the caller's buffers first, the spill-over into appIn.
                System.arraycopy(dsts, offset, targets, 0, length);
                appIn.clear();
                targets[length] = appIn;
                long before = remaining(dsts, offset, length);
                SSLEngineResult result;
                netIn.flip();
                try {
                    result = engine.unwrap(netIn, targets, 0, length + 1);
                } finally {
                    netIn.compact();
                    appIn.flip();
                    java.util.Arrays.fill(targets, 0, length + 1, null);
                }
                total += before - remaining(dsts, offset, length);
                afterUnwrap(result.getHandshakeStatus());
                switch (result.getStatus()) {
                    case OK -> {
                        if (appIn.hasRemaining() || !hasRemaining(dsts, offset, length)) {
                            return total;
                        }
                        idle = result.bytesConsumed() == 0 && result.bytesProduced() == 0 ? idle + 1 : 0;
                        if (idle > 4) {
                            throw new SSLException("the TLS engine makes no progress reading from " + raw.remoteAddress()
                                    + " (handshake status " + engine.getHandshakeStatus() + ")");
                        }
                        continue; // another record may be buffered already
                    }
                    case CLOSED -> {
                        inboundDone = true;
                        return total > 0 ? total : -1;
                    }
                    case BUFFER_OVERFLOW -> {
                        appIn = ByteBuffer.allocateDirect(engine.getSession().getApplicationBufferSize()).flip();
                        continue;
                    }
                    case BUFFER_UNDERFLOW -> { }
                }
            }
            if (total > 0) {
                return total; // never block for more once there is something to return
            }
            if (fill() < 0) {
                inboundDone = true;
                try {
                    engine.closeInbound();
                } catch (SSLException e) {
                    throw new SSLException("the TLS peer " + raw.remoteAddress() + " closed the connection without "
                            + "close_notify: the data may have been cut short", e);
                }
                return -1;
            }
        }
    }

    /** Handles what the engine wants after an unwrap: tasks, or a message to send (KeyUpdate, close_notify). */
    private void afterUnwrap(HandshakeStatus status) throws IOException {
        if (status == HandshakeStatus.NEED_TASK) {
            runTasks();
            status = engine.getHandshakeStatus();
        }
        if (status == HandshakeStatus.NEED_WRAP) {
            // The engine decrypts nothing more until this message is out: wait for a write in
            // progress to finish (spinning would not help), then send it unless output is shut.
            writeLock.lock();
            try {
                if (!outboundDone) {
                    wrapPending();
                }
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** Sends what the engine has queued (post-handshake messages, alerts). Under the write lock. */
    private void wrapPending() throws IOException {
        netOut.clear();
        for (int i = 0; i < 8 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
            SSLEngineResult result = engine.wrap(EMPTY, netOut);
            if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesProduced() == 0) {
                break;
            }
        }
        flushNetOut();
    }

    private long drainAppIn(ByteBuffer[] dsts, int offset, int length) {
        long moved = 0;
        for (int i = offset; i < offset + length && appIn.hasRemaining(); i++) {
            ByteBuffer dst = dsts[i];
            int n = Math.min(dst.remaining(), appIn.remaining());
            if (n > 0) {
                dst.put(dst.position(), appIn, appIn.position(), n);
                dst.position(dst.position() + n);
                appIn.position(appIn.position() + n);
                moved += n;
            }
        }
        return moved;
    }

    private static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += buffers[i].remaining();
        }
        return sum;
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
        handshake();
        writeLock.lock();
        try {
            if (closed.get() || outboundDone) {
                throw new ClosedChannelException();
            }
            long total = remaining(srcs, offset, length);
            long left = total;
            int packet = engine.getSession().getPacketBufferSize();
            while (left > 0) {
                netOut.clear();
                // Encrypt as many records as netOut holds, then send them in one write.
                int idle = 0;
                while (left > 0 && netOut.remaining() >= packet) {
                    SSLEngineResult result = engine.wrap(srcs, offset, length, netOut);
                    left -= result.bytesConsumed();
                    if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    idle = result.bytesConsumed() == 0 && result.bytesProduced() == 0 ? idle + 1 : 0;
                    if (idle > 4) {
                        throw new SSLException("the TLS engine makes no progress writing to " + raw.remoteAddress()
                                + " (handshake status " + engine.getHandshakeStatus() + ")");
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the TLS connection to " + raw.remoteAddress()
                                + " is closed for writing (the peer ended TLS 1.2 with close_notify?)");
                    }
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        if (netOut.position() == 0) {
                            netOut = ByteBuffer.allocateDirect(Math.max(packet, netOut.capacity()) * 2);
                        }
                        break;
                    }
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                            && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                        throw new SSLException("the TLS peer " + raw.remoteAddress()
                                + " started a renegotiation, which is not supported");
                    }
                }
                flushNetOut();
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrapPending(); // something the reader could not send while we held the lock
            }
            return total;
        } finally {
            writeLock.unlock();
        }
    }

    /** The TLS session: protocol, cipher suite, peer certificates. Runs the handshake if needed. */
    public SSLSession session() throws IOException {
        handshake();
        return engine.getSession();
    }

    @Override
    public SocketAddress localAddress() {
        return raw.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return raw.remoteAddress();
    }

    /** Sends close_notify and half-closes the socket (see the class documentation for TLS 1.2). */
    @Override
    public void shutdownOutput() throws IOException {
        handshake();
        writeLock.lock();
        try {
            if (closed.get()) {
                throw new ClosedChannelException();
            }
            if (!outboundDone) {
                sendCloseNotify();
                raw.shutdownOutput();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void sendCloseNotify() throws IOException {
        outboundDone = true;
        engine.closeOutbound();
        netOut.clear();
        for (int i = 0; i < 8 && !engine.isOutboundDone(); i++) {
            SSLEngineResult result = engine.wrap(EMPTY, netOut);
            if (result.bytesProduced() == 0) {
                break;
            }
        }
        flushNetOut();
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        raw.setReadTimeout(timeout);
    }

    @Override
    public Duration readTimeout() {
        return raw.readTimeout();
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && raw.isOpen();
    }

    /**
     * Sends close_notify (unless a write is in progress or the output is already shut down, waiting
     * at most the close timeout), then closes the socket. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (handshaken && writeLock.tryLock()) {
                try {
                    if (!outboundDone) {
                        try (Watchdog watchdog = Watchdog.start(closeTimeout, raw::close)) {
                            sendCloseNotify();
                        } catch (IOException | RuntimeException ignored) {
                            // The peer will see the connection end without close_notify.
                        }
                    }
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            raw.close();
        }
    }

    private void closeQuietly() {
        closed.set(true);
        try {
            raw.close();
        } catch (IOException ignored) {
            // Already failing.
        }
    }

    @Override
    public String toString() {
        return "TlsConnection[" + raw.localAddress() + " -> " + raw.remoteAddress()
                + (handshaken ? ", " + engine.getSession().getProtocol() : "") + "]";
    }
}
