package dev.lightstream.parquet;

import java.util.List;

/**
 * What a {@link ParquetReader} reads and how: an immutable value, changed with the
 * {@code with...} methods.
 *
 * {@snippet :
 * ParquetReadOptions options = ParquetReadOptions.defaults()
 *         .withBatchRows(10_000)
 *         .withColumns(List.of("id", "address.city"))   // a nested path keeps part of a struct
 *         .withRowGroups(List.of(0, 2));
 * }
 *
 * @param batchRows the most rows in one batch (default 65,536); batches span row groups
 * @param columns the columns to read, as dotted paths of field names from the top level: a path
 *     keeps the field it names with everything below it, a longer path only that part of a struct
 *     (for lists and maps, the path goes through the Parquet names: {@code tags.list.element});
 *     empty for all columns
 * @param rowGroups the indices of the row groups to read, in the order given; empty for all
 * @param maxPageBytes the largest decompressed page accepted (default 256 MiB): a larger
 *     declared size is reported as {@link InvalidParquetException} before any allocation
 * @param arrowSchema whether the Arrow types stored under the footer key {@code ARROW:schema} (by
 *     this writer or Arrow C++) are restored (default true); without, the types are those the
 *     Parquet schema gives
 */
public record ParquetReadOptions(int batchRows, List<String> columns, List<Integer> rowGroups, int maxPageBytes,
        boolean arrowSchema) {
    public ParquetReadOptions {
        columns = List.copyOf(columns);
        rowGroups = List.copyOf(rowGroups);
        if (batchRows <= 0 || maxPageBytes <= 0) {
            throw new IllegalArgumentException("batchRows=" + batchRows + " maxPageBytes=" + maxPageBytes
                    + " must be positive");
        }
    }

    public static ParquetReadOptions defaults() {
        return new ParquetReadOptions(1 << 16, List.of(), List.of(), 256 << 20, true);
    }

    public ParquetReadOptions withBatchRows(int value) {
        return new ParquetReadOptions(value, columns, rowGroups, maxPageBytes, arrowSchema);
    }

    public ParquetReadOptions withColumns(List<String> value) {
        return new ParquetReadOptions(batchRows, value, rowGroups, maxPageBytes, arrowSchema);
    }

    public ParquetReadOptions withRowGroups(List<Integer> value) {
        return new ParquetReadOptions(batchRows, columns, value, maxPageBytes, arrowSchema);
    }

    public ParquetReadOptions withMaxPageBytes(int value) {
        return new ParquetReadOptions(batchRows, columns, rowGroups, value, arrowSchema);
    }

    public ParquetReadOptions withArrowSchema(boolean value) {
        return new ParquetReadOptions(batchRows, columns, rowGroups, maxPageBytes, value);
    }
}
