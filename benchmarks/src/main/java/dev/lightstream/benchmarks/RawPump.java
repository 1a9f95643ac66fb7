package dev.lightstream.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The physical limit of a channel: a writer that pushes {@code bytes} from one direct buffer and a
 * reader that drains into another, no format, no allocation, no work per byte.
 */
final class RawPump {
    /** 1 MiB: large enough that the per-call cost vanishes. */
    static final int BUFFER = 1 << 20;

    private RawPump() {}

    static long write(WritableByteChannel channel, long bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        long left = bytes;
        try (channel) {
            while (left > 0) {
                buffer.clear().limit((int) Math.min(BUFFER, left));
                while (buffer.hasRemaining()) {
                    left -= channel.write(buffer);
                }
            }
        }
        return bytes;
    }

    static Moved read(ReadableByteChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        long total = 0;
        try (channel) {
            int n;
            while ((n = channel.read(buffer.clear())) >= 0) {
                total += n;
            }
        }
        return new Moved(0, total, 0);
    }
}
