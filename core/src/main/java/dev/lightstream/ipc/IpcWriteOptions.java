package dev.lightstream.ipc;

import java.util.Objects;

/**
 * How a writer encodes record batches: the body compression and its level.
 *
 * <p>With compression, each buffer is compressed on its own and prefixed by its uncompressed
 * length (8 bytes, little-endian); a buffer that would not shrink is stored raw with the prefix
 * {@code -1}, as the format allows.
 *
 * {@snippet :
 * IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(CompressionType.ZSTD, 3);
 * }
 *
 * @param compression the codec, or {@link CompressionType#NONE}
 * @param level the codec's level, or {@link CompressionCodec#DEFAULT_LEVEL}
 */
public record IpcWriteOptions(CompressionType compression, int level) {
    /** No compression. */
    public static final IpcWriteOptions DEFAULT = new IpcWriteOptions(CompressionType.NONE, CompressionCodec.DEFAULT_LEVEL);

    public IpcWriteOptions {
        Objects.requireNonNull(compression, "compression");
    }

    /** These options with {@code type} at its default level. */
    public IpcWriteOptions withCompression(CompressionType type) {
        return new IpcWriteOptions(type, CompressionCodec.DEFAULT_LEVEL);
    }

    public IpcWriteOptions withCompression(CompressionType type, int newLevel) {
        return new IpcWriteOptions(type, newLevel);
    }
}
