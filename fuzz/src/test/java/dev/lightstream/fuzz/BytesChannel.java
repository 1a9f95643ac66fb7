package dev.lightstream.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only {@link SeekableByteChannel} over a byte array, handing out at most
 * {@code maxRead} bytes per read so that readers meet short reads as they do on sockets.
 */
final class BytesChannel implements SeekableByteChannel {
    private final byte[] bytes;
    private final int maxRead;
    private long position;
    private boolean open = true;

    BytesChannel(byte[] bytes, int maxRead) {
        if (maxRead < 1) {
            throw new IllegalArgumentException("maxRead=" + maxRead + " must be positive");
        }
        this.bytes = bytes;
        this.maxRead = maxRead;
    }

    BytesChannel(byte[] bytes) {
        this(bytes, Integer.MAX_VALUE);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        checkOpen();
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(Math.min(dst.remaining(), maxRead), bytes.length - position);
        dst.put(bytes, (int) position, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        checkOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        checkOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("newPosition=" + newPosition + " is negative");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        checkOpen();
        return bytes.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void checkOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
