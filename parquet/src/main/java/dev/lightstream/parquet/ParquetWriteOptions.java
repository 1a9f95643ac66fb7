package dev.lightstream.parquet;

import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ParquetWriter} lays out a file: an immutable value, changed with the
 * {@code with...} methods.
 *
 * {@snippet :
 * ParquetWriteOptions options = ParquetWriteOptions.defaults()
 *         .withCompression(ParquetCompression.SNAPPY)
 *         .withRowGroupRows(100_000)
 *         .withDictionary(false);
 * }
 *
 * @param compression the page codec (default ZSTD)
 * @param compressionLevel the ZSTD level, 0 for the codec's default (3)
 * @param rowGroupRows the most rows in a row group (default 1,048,576)
 * @param rowGroupBytes the buffered size at which a row group is closed early (default 128 MiB)
 * @param pageBytes the target size of a data page (default 1 MiB)
 * @param dictionary whether columns start dictionary-encoded, falling back to PLAIN when a
 *     dictionary grows over {@code dictionaryPageBytes} (default true)
 * @param dictionaryPageBytes the largest dictionary page (default 1 MiB)
 * @param statistics whether pages and column chunks carry min/max/null-count statistics (default true)
 * @param dataPageV2 whether data pages are written as DATA_PAGE_V2 (default false: V1 pages, which
 *     every reader understands)
 * @param metadata key-value metadata for the file footer
 * @param arrowSchema whether the footer also stores the Arrow schema under {@code ARROW:schema}, as
 *     Arrow C++ does, so that readers that know the key get back the types Parquet cannot tell apart
 *     (default true)
 */
public record ParquetWriteOptions(ParquetCompression compression, int compressionLevel, int rowGroupRows,
        long rowGroupBytes, int pageBytes, boolean dictionary, int dictionaryPageBytes, boolean statistics,
        boolean dataPageV2, Map<String, String> metadata, boolean arrowSchema) {

    public ParquetWriteOptions {
        Objects.requireNonNull(compression, "compression");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (rowGroupRows <= 0 || rowGroupBytes <= 0 || pageBytes <= 0 || dictionaryPageBytes <= 0) {
            throw new IllegalArgumentException("sizes must be positive: rowGroupRows=" + rowGroupRows
                    + " rowGroupBytes=" + rowGroupBytes + " pageBytes=" + pageBytes
                    + " dictionaryPageBytes=" + dictionaryPageBytes);
        }
        if (compressionLevel < 0 || compressionLevel > 22) {
            throw new IllegalArgumentException("compressionLevel=" + compressionLevel + " is outside 0..22");
        }
    }

    /** ZSTD, row groups of up to 1 Mi rows or 128 MiB, 1 MiB pages, dictionaries, statistics, V1 pages, ARROW:schema. */
    public static ParquetWriteOptions defaults() {
        return new ParquetWriteOptions(ParquetCompression.ZSTD, 0, 1 << 20, 128L << 20, 1 << 20, true, 1 << 20,
                true, false, Map.of(), true);
    }

    public ParquetWriteOptions withCompression(ParquetCompression value) {
        return new ParquetWriteOptions(value, compressionLevel, rowGroupRows, rowGroupBytes, pageBytes, dictionary,
                dictionaryPageBytes, statistics, dataPageV2, metadata, arrowSchema);
    }

    public ParquetWriteOptions withCompressionLevel(int value) {
        return new ParquetWriteOptions(compression, value, rowGroupRows, rowGroupBytes, pageBytes, dictionary,
                dictionaryPageBytes, statistics, dataPageV2, metadata, arrowSchema);
    }

    public ParquetWriteOptions withRowGroupRows(int value) {
        return new ParquetWriteOptions(compression, compressionLevel, value, rowGroupBytes, pageBytes, dictionary,
                dictionaryPageBytes, statistics, dataPageV2, metadata, arrowSchema);
    }

    public ParquetWriteOptions withRowGroupBytes(long value) {
        return new ParquetWriteOptions(compression, compressionLevel, rowGroupRows, value, pageBytes, dictionary,
                dictionaryPageBytes, statistics, dataPageV2, metadata, arrowSchema);
    }

    public ParquetWriteOptions withPageBytes(int value) {
        return new ParquetWriteOptions(compression, compressionLevel, rowGroupRows, rowGroupBytes, value, dictionary,
                dictionaryPageBytes, statistics, dataPageV2, metadata, arrowSchema);
    }

    public ParquetWriteOptions withDictionary(boolean value) {
        return new ParquetWriteOptions(compression, compressionLevel, rowGroupRows, rowGroupBytes, pageBytes, value,
                dictionaryPageBytes, statistics, dataPageV2, metadata, arrowSchema);
    }

    public ParquetWriteOptions withDictionaryPageBytes(int value) {
        return new ParquetWriteOptions(compression, compressionLevel, rowGroupRows, rowGroupBytes, pageBytes,
                dictionary, value, statistics, dataPageV2, metadata, arrowSchema);
    }

    public ParquetWriteOptions withStatistics(boolean value) {
        return new ParquetWriteOptions(compression, compressionLevel, rowGroupRows, rowGroupBytes, pageBytes,
                dictionary, dictionaryPageBytes, value, dataPageV2, metadata, arrowSchema);
    }

    public ParquetWriteOptions withDataPageV2(boolean value) {
        return new ParquetWriteOptions(compression, compressionLevel, rowGroupRows, rowGroupBytes, pageBytes,
                dictionary, dictionaryPageBytes, statistics, value, metadata, arrowSchema);
    }

    public ParquetWriteOptions withMetadata(Map<String, String> value) {
        return new ParquetWriteOptions(compression, compressionLevel, rowGroupRows, rowGroupBytes, pageBytes,
                dictionary, dictionaryPageBytes, statistics, dataPageV2, value, arrowSchema);
    }

    public ParquetWriteOptions withArrowSchema(boolean value) {
        return new ParquetWriteOptions(compression, compressionLevel, rowGroupRows, rowGroupBytes, pageBytes,
                dictionary, dictionaryPageBytes, statistics, dataPageV2, metadata, value);
    }
}
