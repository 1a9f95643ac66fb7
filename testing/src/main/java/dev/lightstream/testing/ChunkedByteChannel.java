package dev.lightstream.testing;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;

/**
 * A channel over a byte array that hands out at most {@code chunk} bytes per read, so that a reader
 * sees its input split at every possible place. Scatters like a socket; {@link #plain} hides that,
 * for readers that take another path when a channel cannot scatter.
 *
 * <p>It also counts reads and remembers the buffers it read into, so that a test can tell where
 * bytes landed (straight in a decoder's memory, say).
 */
public final class ChunkedByteChannel implements ScatteringByteChannel {
    private final byte[] data;
    private final int chunk;
    private int position;
    private int reads;
    private long lastDestinationAddress = -1;
    private boolean open = true;

    /** A channel that returns {@code data} in reads of at most {@code chunk} bytes. */
    public ChunkedByteChannel(byte[] data, int chunk) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk=" + chunk + " must be positive");
        }
        this.data = data;
        this.chunk = chunk;
    }

    /** The same bytes through a channel that is only a {@link ReadableByteChannel}. */
    public static ReadableByteChannel plain(byte[] data, int chunk) {
        ChunkedByteChannel inner = new ChunkedByteChannel(data, chunk);
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws ClosedChannelException {
                return inner.read(dst);
            }

            @Override
            public boolean isOpen() {
                return inner.isOpen();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @Override
    public int read(ByteBuffer dst) throws ClosedChannelException {
        long n = read(new ByteBuffer[] {dst}, 0, 1);
        return (int) n;
    }

    @Override
    public long read(ByteBuffer[] dsts) throws ClosedChannelException {
        return read(dsts, 0, dsts.length);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (position == data.length) {
            return -1;
        }
        reads++;
        int budget = Math.min(chunk, data.length - position);
        long total = 0;
        for (int i = offset; i < offset + length && budget > 0; i++) {
            ByteBuffer dst = dsts[i];
            int n = Math.min(budget, dst.remaining());
            if (n > 0 && dst.isDirect()) {
                lastDestinationAddress = java.lang.foreign.MemorySegment.ofBuffer(dst).address();
            }
            dst.put(data, position, n);
            position += n;
            budget -= n;
            total += n;
        }
        return total;
    }

    /** Read calls that returned bytes. */
    public int reads() {
        return reads;
    }

    /** Address of the last direct buffer bytes were read into (at its position then), or -1. */
    public long lastDestinationAddress() {
        return lastDestinationAddress;
    }

    /** Bytes handed out so far. */
    public int position() {
        return position;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
