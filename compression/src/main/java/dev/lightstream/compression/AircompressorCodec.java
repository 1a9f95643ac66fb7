package dev.lightstream.compression;

import dev.lightstream.ipc.CompressionCodec;
import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.Decompressor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The common part of the two codecs: aircompressor compressors and decompressors, one of each per
 * thread (the native ones hold a context that is costly to create and not thread-safe), with a
 * byte-array path for segments that are not native memory.
 */
abstract sealed class AircompressorCodec implements CompressionCodec permits Lz4FrameCodec, ZstdCodec {
    private final ThreadLocal<Decompressor> decompressors = ThreadLocal.withInitial(this::newDecompressor);
    private final ThreadLocal<Compressor> defaultCompressors = ThreadLocal.withInitial(() -> newCompressor(DEFAULT_LEVEL));

    abstract Compressor newCompressor(int level);

    abstract Decompressor newDecompressor();

    @Override
    public long maxCompressedLength(long uncompressedLength) {
        return defaultCompressors.get().maxCompressedLength(checkedInt(uncompressedLength, "uncompressedLength"));
    }

    @Override
    public long compress(MemorySegment source, MemorySegment target, int level) {
        Compressor compressor = level == DEFAULT_LEVEL ? defaultCompressors.get() : newCompressor(level);
        checkedInt(source.byteSize(), "source.byteSize()");
        if (source.isNative() && target.isNative() && !target.isReadOnly()) {
            return compressor.compress(source, target);
        }
        byte[] in = source.toArray(ValueLayout.JAVA_BYTE);
        byte[] out = new byte[compressor.maxCompressedLength(in.length)];
        int written = compressor.compress(in, 0, in.length, out, 0, out.length);
        MemorySegment.copy(out, 0, target, ValueLayout.JAVA_BYTE, 0, written);
        return written;
    }

    @Override
    public void decompress(MemorySegment source, MemorySegment target) throws IOException {
        long expected = target.byteSize();
        checkedInt(expected, "target.byteSize()");
        int written;
        try {
            Decompressor decompressor = decompressors.get();
            if (source.isNative() && target.isNative()) {
                written = decompressor.decompress(source, target);
            } else {
                byte[] in = source.toArray(ValueLayout.JAVA_BYTE);
                byte[] out = new byte[(int) expected];
                written = decompressor.decompress(in, 0, in.length, out, 0, out.length);
                MemorySegment.copy(out, 0, target, ValueLayout.JAVA_BYTE, 0, written);
            }
        } catch (RuntimeException e) { // MalformedInputException and bounds errors of corrupt input
            throw new IOException(type() + " data is malformed: " + e.getMessage(), e);
        }
        if (written != expected) {
            throw new IOException(type() + " data decompressed to " + written + " bytes, expected " + expected);
        }
    }

    private static int checkedInt(long value, String name) {
        if (value < 0 || value > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException(name + "=" + value + " is over the codec's 2 GiB limit");
        }
        return (int) value;
    }
}
