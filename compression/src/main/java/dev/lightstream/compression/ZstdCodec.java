package dev.lightstream.compression;

import dev.lightstream.ipc.CompressionType;
import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.Decompressor;
import io.airlift.compress.v3.zstd.ZstdCompressor;
import io.airlift.compress.v3.zstd.ZstdDecompressor;

/**
 * The {@code ZSTD} body compression codec. Levels other than the default (3) need the native
 * libzstd that aircompressor ships; without it they raise {@link IllegalArgumentException}.
 *
 * {@snippet :
 * IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(CompressionType.ZSTD, 6);
 * }
 */
public final class ZstdCodec extends AircompressorCodec {
    /** The service constructor. */
    public ZstdCodec() {}

    @Override
    public CompressionType type() {
        return CompressionType.ZSTD;
    }

    @Override
    Compressor newCompressor(int level) {
        return level == DEFAULT_LEVEL ? ZstdCompressor.create() : ZstdCompressor.create(level);
    }

    @Override
    Decompressor newDecompressor() {
        return ZstdDecompressor.create();
    }
}
