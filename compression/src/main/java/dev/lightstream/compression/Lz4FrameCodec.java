package dev.lightstream.compression;

import dev.lightstream.ipc.CompressionType;
import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.Decompressor;
import io.airlift.compress.v3.lz4.Lz4FrameCompressor;
import io.airlift.compress.v3.lz4.Lz4FrameDecompressor;
import io.airlift.compress.v3.lz4.Lz4FrameNativeCompressor;

/**
 * The {@code LZ4_FRAME} body compression codec: the LZ4 frame format, as the Arrow format
 * requires (not raw LZ4 blocks). Levels other than the default need the native liblz4 that
 * aircompressor ships; without it they raise {@link IllegalArgumentException}.
 *
 * {@snippet :
 * IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(CompressionType.LZ4_FRAME);
 * }
 */
public final class Lz4FrameCodec extends AircompressorCodec {
    /** The service constructor. */
    public Lz4FrameCodec() {}

    @Override
    public CompressionType type() {
        return CompressionType.LZ4_FRAME;
    }

    @Override
    Compressor newCompressor(int level) {
        if (level == DEFAULT_LEVEL) {
            return Lz4FrameCompressor.create();
        }
        if (!Lz4FrameNativeCompressor.isEnabled()) {
            throw new IllegalArgumentException("LZ4 level " + level + " needs the native liblz4, which is not available");
        }
        return new Lz4FrameNativeCompressor(level);
    }

    @Override
    Decompressor newDecompressor() {
        return Lz4FrameDecompressor.create();
    }
}
