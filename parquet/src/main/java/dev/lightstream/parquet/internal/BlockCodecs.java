package dev.lightstream.parquet.internal;

import dev.lightstream.parquet.InvalidParquetException;
import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.Decompressor;
import io.airlift.compress.v3.MalformedInputException;
import io.airlift.compress.v3.lz4.Lz4Compressor;
import io.airlift.compress.v3.lz4.Lz4Decompressor;
import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import io.airlift.compress.v3.lz4.Lz4JavaDecompressor;
import io.airlift.compress.v3.snappy.SnappyCompressor;
import io.airlift.compress.v3.snappy.SnappyDecompressor;
import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.airlift.compress.v3.zstd.ZstdCompressor;
import io.airlift.compress.v3.zstd.ZstdDecompressor;
import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The block compressors and decompressors of the Parquet codecs, over byte arrays: aircompressor
 * for ZSTD, SNAPPY and LZ4_RAW, the JDK's {@code java.util.zip} for GZIP.
 *
 * <p>aircompressor uses its bundled native libraries through the FFM API when the JVM lets it
 * ({@code --enable-native-access}); otherwise the pure-Java implementations are used, so that no
 * "restricted method" warning is ever printed on a JVM started without flags.
 */
final class BlockCodecs {
    private static final boolean NATIVE = ZstdCompressor.class.getModule().isNativeAccessEnabled();

    private BlockCodecs() {}

    /**
     * Compresses {@code length} bytes of {@code input}. The result may be a view of a buffer the
     * compressor reuses: it is valid until the next call (parquet-java's page writer copies each
     * compressed page into its column chunk buffer before it compresses the next).
     */
    interface BlockCompressor {
        BytesInput compress(byte[] input, int offset, int length) throws IOException;
    }

    /** Decompresses into {@code output}, which must be filled exactly. */
    interface BlockDecompressor {
        void decompress(byte[] input, int offset, int length, byte[] output) throws IOException;
    }

    static BlockCompressor compressor(CompressionCodecName codec, int level) {
        return switch (codec) {
            case ZSTD -> airlift(NATIVE ? (level > 0 ? ZstdCompressor.create(level) : ZstdCompressor.create())
                    : new ZstdJavaCompressor());
            case SNAPPY -> airlift(NATIVE ? SnappyCompressor.create() : new SnappyJavaCompressor());
            case LZ4_RAW -> airlift(NATIVE ? Lz4Compressor.create() : new Lz4JavaCompressor());
            case GZIP -> BlockCodecs::gzip;
            default -> throw new IllegalArgumentException("no compressor for Parquet codec " + codec);
        };
    }

    static BlockDecompressor decompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> airlift(codec, NATIVE ? ZstdDecompressor.create() : new ZstdJavaDecompressor());
            case SNAPPY -> airlift(codec, NATIVE ? SnappyDecompressor.create() : new SnappyJavaDecompressor());
            case LZ4_RAW -> airlift(codec, NATIVE ? Lz4Decompressor.create() : new Lz4JavaDecompressor());
            case GZIP -> BlockCodecs::gunzip;
            default -> throw new IllegalArgumentException("no decompressor for Parquet codec " + codec);
        };
    }

    private static BlockCompressor airlift(Compressor compressor) {
        return new BlockCompressor() {
            private byte[] out = new byte[0];

            @Override
            public BytesInput compress(byte[] input, int offset, int length) {
                int max = compressor.maxCompressedLength(length);
                if (out.length < max) {
                    out = new byte[max];
                }
                int written = compressor.compress(input, offset, length, out, 0, out.length);
                return BytesInput.from(out, 0, written);
            }
        };
    }

    private static BlockDecompressor airlift(CompressionCodecName codec, Decompressor decompressor) {
        return (input, offset, length, output) -> {
            int written;
            try {
                written = decompressor.decompress(input, offset, length, output, 0, output.length);
            } catch (MalformedInputException | IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new InvalidParquetException(codec + " page does not decompress: " + e.getMessage(), e);
            }
            if (written != output.length) {
                throw new InvalidParquetException(codec + " page decompressed to " + written
                        + " bytes, its header says " + output.length);
            }
        };
    }

    private static BytesInput gzip(byte[] input, int offset, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            gzip.write(input, offset, length);
        }
        return BytesInput.from(out.toByteArray());
    }

    private static void gunzip(byte[] input, int offset, int length, byte[] output) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(input, offset, length), 64 * 1024)) {
            int filled = in.readNBytes(output, 0, output.length);
            if (filled != output.length || in.read() != -1) {
                throw new InvalidParquetException("GZIP page decompressed to a size other than the "
                        + output.length + " bytes its header says");
            }
        } catch (ZipException e) {
            throw new InvalidParquetException("GZIP page does not decompress: " + e.getMessage(), e);
        }
    }
}
