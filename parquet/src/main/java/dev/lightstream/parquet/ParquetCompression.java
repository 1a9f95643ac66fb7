package dev.lightstream.parquet;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The page compression codecs the {@link ParquetWriter} offers (and the reader accepts). */
public enum ParquetCompression {
    UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED),
    SNAPPY(CompressionCodecName.SNAPPY),
    GZIP(CompressionCodecName.GZIP),
    ZSTD(CompressionCodecName.ZSTD),
    LZ4_RAW(CompressionCodecName.LZ4_RAW);

    private final CompressionCodecName codec;

    ParquetCompression(CompressionCodecName codec) {
        this.codec = codec;
    }

    CompressionCodecName codec() {
        return codec;
    }

    /**
     * The codec named {@code name}, case-insensitively; "none" is {@link #UNCOMPRESSED}, "lz4"
     * is {@link #LZ4_RAW} (for command lines).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ParquetCompression parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (n) {
            case "NONE", "UNCOMPRESSED" -> UNCOMPRESSED;
            case "LZ4", "LZ4_RAW" -> LZ4_RAW;
            case "SNAPPY" -> SNAPPY;
            case "GZIP" -> GZIP;
            case "ZSTD" -> ZSTD;
            default -> throw new IllegalArgumentException("unknown Parquet compression '" + name
                    + "': expected zstd, snappy, lz4_raw, gzip or none");
        };
    }
}
