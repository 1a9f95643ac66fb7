package dev.lightstream.cli.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel that returns {@code prefix} (bytes already read to sniff the format) and then the
 * rest of {@code channel}: pushing back what a peek took from a pipe.
 */
final class PrefixedChannel implements ReadableByteChannel {
    private final ByteBuffer prefix;
    private final ReadableByteChannel channel;

    PrefixedChannel(ByteBuffer prefix, ReadableByteChannel channel) {
        this.prefix = prefix;
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (prefix.hasRemaining()) {
            int n = Math.min(prefix.remaining(), dst.remaining());
            dst.put(prefix.slice(prefix.position(), n));
            prefix.position(prefix.position() + n);
            return n;
        }
        return channel.read(dst);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
