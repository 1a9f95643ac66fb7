package dev.lightstream.parquet.internal;

import dev.lightstream.parquet.InvalidParquetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The compression codecs parquet-java uses in this module, in place of its Hadoop-based
 * {@code CodecFactory}: ZSTD, SNAPPY and LZ4_RAW over aircompressor, GZIP over the JDK, and
 * UNCOMPRESSED. Other codecs (LZO, BROTLI, the Hadoop-framed LZ4) are refused with a typed
 * exception when a file uses them.
 *
 * <p>A declared decompressed size above {@code maxPageBytes} is refused before anything is
 * allocated: page headers come from the file and are not trusted.
 *
 * {@snippet :
 * CompressionCodecFactory codecs = new AirCompressorCodecFactory(3, 256 << 20);
 * ParquetReadOptions options = ParquetReadOptions.builder().withCodecFactory(codecs).build();
 * }
 */
public final class AirCompressorCodecFactory implements CompressionCodecFactory {
    private final int level;
    private final int maxPageBytes;
    private final Map<CompressionCodecName, BytesInputCompressor> compressors = new EnumMap<>(CompressionCodecName.class);
    private final Map<CompressionCodecName, BytesInputDecompressor> decompressors =
            new EnumMap<>(CompressionCodecName.class);

    /**
     * @param level the ZSTD level when writing (0 for the codec's default)
     * @param maxPageBytes the largest decompressed page this factory accepts when reading
     */
    public AirCompressorCodecFactory(int level, int maxPageBytes) {
        if (maxPageBytes <= 0) {
            throw new IllegalArgumentException("maxPageBytes=" + maxPageBytes + " is not positive");
        }
        this.level = level;
        this.maxPageBytes = maxPageBytes;
    }

    /** True for the codecs this factory can write and read. */
    public static boolean supports(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, ZSTD, SNAPPY, LZ4_RAW, GZIP -> true;
            default -> false;
        };
    }

    @Override
    public synchronized BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return compressors.computeIfAbsent(codec, this::newCompressor);
    }

    @Override
    public synchronized BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return decompressors.computeIfAbsent(codec, this::newDecompressor);
    }

    @Override
    public void release() {
        // Nothing pooled: the codecs hold no native resources between calls.
    }

    private BytesInputCompressor newCompressor(CompressionCodecName codec) {
        if (!supports(codec)) {
            throw new IllegalArgumentException("Parquet codec " + codec + " is not supported for writing");
        }
        BlockCodecs.BlockCompressor block = codec == CompressionCodecName.UNCOMPRESSED
                ? null : BlockCodecs.compressor(codec, level);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                if (block == null) {
                    return bytes;
                }
                // A page in one heap array (as the writers make them) is compressed where it lies.
                @SuppressWarnings("deprecation")
                ByteBuffer input = bytes.toByteBuffer();
                if (input.hasArray()) {
                    return block.compress(input.array(), input.arrayOffset() + input.position(), input.remaining());
                }
                byte[] copy = bytes.toByteArray();
                return block.compress(copy, 0, copy.length);
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    private BytesInputDecompressor newDecompressor(CompressionCodecName codec) {
        BlockCodecs.BlockDecompressor block = supports(codec) && codec != CompressionCodecName.UNCOMPRESSED
                ? BlockCodecs.decompressor(codec) : null;
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
                checkSupported(codec);
                checkSize(decompressedSize, bytes.size());
                if (block == null) {
                    return bytes;
                }
                byte[] input = bytes.toByteArray();
                byte[] output = new byte[decompressedSize];
                block.decompress(input, 0, input.length, output);
                return BytesInput.from(output);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                    throws IOException {
                checkSupported(codec);
                checkSize(decompressedSize, compressedSize);
                if (compressedSize < 0 || compressedSize > input.remaining() || decompressedSize > output.remaining()) {
                    throw new InvalidParquetException("page sizes compressed=" + compressedSize + " decompressed="
                            + decompressedSize + " do not fit their buffers");
                }
                byte[] in = new byte[compressedSize];
                input.duplicate().get(in);
                byte[] out;
                if (block == null) {
                    out = in;
                } else {
                    out = new byte[decompressedSize];
                    block.decompress(in, 0, in.length, out);
                }
                output.put(out, 0, decompressedSize);
            }

            @Override
            public void release() {}
        };
    }

    private static void checkSupported(CompressionCodecName codec) throws IOException {
        if (!supports(codec)) {
            throw new InvalidParquetException("Parquet codec " + codec + " is not supported (supported: "
                    + "UNCOMPRESSED, ZSTD, SNAPPY, LZ4_RAW, GZIP)");
        }
    }

    private void checkSize(int decompressedSize, long compressedSize) throws IOException {
        if (decompressedSize < 0 || decompressedSize > maxPageBytes) {
            throw new InvalidParquetException("page declares " + decompressedSize
                    + " decompressed bytes (compressed " + compressedSize + "), outside 0.." + maxPageBytes);
        }
    }
}
