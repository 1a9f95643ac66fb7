package dev.lightstream.fuzz;

import dev.lightstream.transport.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/**
 * A {@link Connection} whose input is a byte array (handed out at most {@code maxRead} bytes a
 * read, as a socket might) and whose output is kept, for driving a protocol endpoint with bytes a
 * fuzzer made and for recording what a real endpoint sends. Reads and writes take separate locks,
 * as on a socket, so that a handshake can write on one thread while it reads on another.
 */
final class MemoryConnection implements Connection {
    private static final SocketAddress ADDRESS = InetSocketAddress.createUnresolved("memory", 0);

    private final byte[] input;
    private final int maxRead;
    private final boolean readAfterWrite;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Object readLock = new Object();
    private int position;
    private volatile boolean open = true;

    MemoryConnection(byte[] input, int maxRead) {
        this(input, maxRead, false);
    }

    /**
     * A connection as above; with {@code readAfterWrite}, the first read waits until something was
     * written (so that an endpoint's handshake is sure to be recorded before its input ends).
     */
    MemoryConnection(byte[] input, int maxRead, boolean readAfterWrite) {
        this.input = input;
        this.maxRead = maxRead;
        this.readAfterWrite = readAfterWrite;
    }

    /** Everything written so far. */
    byte[] written() {
        synchronized (output) {
            return output.toByteArray();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (readAfterWrite) {
            synchronized (output) {
                while (output.size() == 0 && open) {
                    try {
                        output.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted");
                    }
                }
            }
        }
        synchronized (readLock) {
            return readNow(dst);
        }
    }

    private int readNow(ByteBuffer dst) throws IOException {
        checkOpen();
        if (position >= input.length) {
            return -1;
        }
        int n = Math.min(Math.min(dst.remaining(), maxRead), input.length - position);
        dst.put(input, position, n);
        position += n;
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
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
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        checkOpen();
        synchronized (output) {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                byte[] bytes = new byte[srcs[i].remaining()];
                srcs[i].get(bytes);
                output.writeBytes(bytes);
                total += bytes.length;
            }
            output.notifyAll();
            return total;
        }
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public SocketAddress localAddress() {
        return ADDRESS;
    }

    @Override
    public SocketAddress remoteAddress() {
        return ADDRESS;
    }

    @Override
    public void shutdownOutput() throws IOException {
        checkOpen();
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout=" + timeout + " is negative");
        }
    }

    @Override
    public Duration readTimeout() {
        return Duration.ZERO;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        synchronized (output) {
            output.notifyAll();
        }
    }

    private void checkOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
