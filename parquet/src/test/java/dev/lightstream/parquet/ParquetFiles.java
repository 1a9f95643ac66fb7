package dev.lightstream.parquet;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers of the Parquet tests: write batches to a file, read a file back as rows. */
final class ParquetFiles {
    private ParquetFiles() {}

    static void write(Path path, ParquetWriteOptions options, RecordBatch... batches) throws IOException {
        try (ParquetWriter writer = ParquetWriter.open(path, batches[0].schema(), options)) {
            for (RecordBatch batch : batches) {
                writer.write(batch);
            }
        }
    }

    /** Every row of the file, normalized as {@link ReadBack#rows} gives them. */
    static List<List<Object>> readRows(Path path, BufferAllocator allocator, ParquetReadOptions options)
            throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(path, allocator, options)) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    rows.addAll(ReadBack.rows(batch));
                }
            }
        }
        return rows;
    }
}
