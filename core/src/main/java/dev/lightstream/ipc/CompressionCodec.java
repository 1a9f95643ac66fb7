package dev.lightstream.ipc;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ServiceLoader;

/**
 * A body compression codec, found through {@link ServiceLoader}: the service interface that the
 * {@code lightstream-compression} module implements for {@link CompressionType#LZ4_FRAME} and
 * {@link CompressionType#ZSTD}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor; they are
 * listed in {@code META-INF/services/dev.lightstream.ipc.CompressionCodec} (class path) or with
 * {@code provides} in their {@code module-info} (module path).
 *
 * {@snippet :
 * CompressionCodec zstd = CompressionCodec.find(CompressionType.ZSTD); // throws if not installed
 * long written = zstd.compress(source, target, CompressionCodec.DEFAULT_LEVEL);
 * }
 */
public interface CompressionCodec {
    /** The level that asks the codec for its own default. */
    int DEFAULT_LEVEL = Integer.MIN_VALUE;

    /** The codec this implementation provides. */
    CompressionType type();

    /** The most bytes {@link #compress} can write for {@code uncompressedLength} bytes of input. */
    long maxCompressedLength(long uncompressedLength);

    /**
     * Compresses all of {@code source} into the start of {@code target}, which holds at least
     * {@link #maxCompressedLength} bytes.
     *
     * @param level a codec-specific level, or {@link #DEFAULT_LEVEL}
     * @return the number of bytes written
     */
    long compress(MemorySegment source, MemorySegment target, int level);

    /**
     * Decompresses all of {@code source} into {@code target}, which must come out exactly full.
     *
     * @throws IOException if {@code source} is malformed or does not decompress to exactly
     *     {@code target.byteSize()} bytes
     */
    void decompress(MemorySegment source, MemorySegment target) throws IOException;

    /**
     * The installed codec for {@code type}.
     *
     * @throws UnsupportedIpcFeatureException if no implementation is on the class or module path
     * @throws IllegalArgumentException for {@link CompressionType#NONE}
     */
    static CompressionCodec find(CompressionType type) throws UnsupportedIpcFeatureException {
        if (type == CompressionType.NONE) {
            throw new IllegalArgumentException("CompressionType.NONE has no codec");
        }
        CompressionCodec codec = dev.lightstream.ipc.internal.Codecs.installed(type);
        if (codec == null) {
            throw new UnsupportedIpcFeatureException("body compression " + type
                    + " needs a codec: add the dev.lightstream:lightstream-compression module to the class path");
        }
        return codec;
    }
}
