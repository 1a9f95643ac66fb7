package dev.lightstream.transport;

import dev.lightstream.codec.FramedReader;
import dev.lightstream.codec.FramedWriter;
import dev.lightstream.codec.tlv.TlvFrame;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Seeded random TLV traffic for transport tests: frames of random types and sizes (empty to 2 MiB)
 * whose values are slices of a random block, and a digest (frame count, value bytes, CRC32C over
 * types, lengths and values) that sender and receiver compute independently.
 */
public final class FrameTraffic {
    /** Largest value sent; decoders in tests accept at least this. */
    public static final int MAX_VALUE = 2 << 20;
    /** Data frames use types 0..254; type 255 with an empty value marks the end when the pipe is not half-closed. */
    public static final int END_TYPE = 255;

    private static final MemorySegment NOISE = noise();

    private FrameTraffic() {}

    /** What went over a pipe in one direction. */
    public record Digest(long frames, long bytes, long crc) {}

    private static MemorySegment noise() {
        MemorySegment block = Arena.global().allocate(MAX_VALUE * 2L, 64);
        SplittableRandom random = new SplittableRandom(0x5EED);
        for (long i = 0; i < block.byteSize(); i += 8) {
            block.set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong());
        }
        return block;
    }

    /** A random value size: mostly small, some medium, a few large. */
    static int size(SplittableRandom random) {
        int kind = random.nextInt(100);
        if (kind < 50) {
            return random.nextInt(257);
        } else if (kind < 85) {
            return 256 + random.nextInt(16 << 10);
        } else if (kind < 98) {
            return (16 << 10) + random.nextInt(240 << 10);
        }
        return (256 << 10) + random.nextInt(MAX_VALUE - (256 << 10) + 1);
    }

    /**
     * Sends at least {@code totalBytes} of values in random frames; small frames are sometimes
     * batched (append, flush). Adds the end frame when {@code endFrame} is set.
     */
    public static Digest send(FramedWriter<TlvFrame> writer, long seed, long totalBytes, boolean endFrame)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Hash hash = new Hash();
        int queued = 0;
        while (hash.bytes < totalBytes) {
            int size = size(random);
            long offset = random.nextLong(MAX_VALUE);
            TlvFrame frame = TlvFrame.of(random.nextInt(END_TYPE), NOISE.asSlice(offset, size));
            hash.add(frame.type(), frame.value().asByteBuffer());
            if (size < 1024 && random.nextBoolean() && queued < 64) {
                writer.append(frame); // NOISE outlives the flush
                queued++;
            } else {
                writer.write(frame);
                queued = 0;
            }
        }
        if (endFrame) {
            writer.write(TlvFrame.empty(END_TYPE));
        } else {
            writer.flush();
        }
        return hash.digest();
    }

    /** Reads frames until the end of input (or the end frame), closing each, and digests them. */
    public static Digest receive(FramedReader<TlvFrame> reader) throws IOException {
        Hash hash = new Hash();
        for (TlvFrame next = reader.read(); next != null; next = reader.read()) {
            try (TlvFrame frame = next) {
                if (frame.type() == END_TYPE) {
                    break;
                }
                hash.add(frame.type(), frame.value().asByteBuffer());
            }
        }
        return hash.digest();
    }

    private static final class Hash {
        final CRC32C crc = new CRC32C();
        final ByteBuffer header = ByteBuffer.allocate(5);
        long frames;
        long bytes;

        void add(int type, ByteBuffer value) {
            header.clear().put((byte) type).putInt(value.remaining()).flip();
            crc.update(header);
            bytes += value.remaining();
            crc.update(value);
            frames++;
        }

        Digest digest() {
            return new Digest(frames, bytes, crc.getValue());
        }
    }
}
