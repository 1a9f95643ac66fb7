package dev.lightstream.benchmarks;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A readable channel over bytes already in memory: each read copies from the buffer into the
 * caller's, as a socket would, without a system call.
 */
final class MemoryChannel implements ReadableByteChannel {
    private final ByteBuffer source;
    private boolean open = true;

    /** A channel over {@code bytes} (position to limit), which it does not modify. */
    MemoryChannel(ByteBuffer bytes) {
        this.source = bytes.duplicate();
    }

    @Override
    public int read(ByteBuffer dst) {
        if (!source.hasRemaining()) {
            return -1;
        }
        int n = Math.min(dst.remaining(), source.remaining());
        dst.put(dst.position(), source, source.position(), n);
        dst.position(dst.position() + n);
        source.position(source.position() + n);
        return n;
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
