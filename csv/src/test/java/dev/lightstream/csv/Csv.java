package dev.lightstream.csv;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Helpers of the CSV tests: read text into rows of getObject values. */
final class Csv {
    private Csv() {}

    /** What a read gave: the schema, the rows, the rows skipped and the batch sizes. */
    record Result(dev.lightstream.schema.Schema schema, List<List<Object>> rows, long skipped, List<Integer> batches) {}

    static Result read(String text, BufferAllocator allocator, CsvReadOptions options) throws IOException {
        return read(CsvReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), allocator, options));
    }

    static Result read(ReadableByteChannel channel, BufferAllocator allocator, CsvReadOptions options) throws IOException {
        return read(CsvReader.open(channel, allocator, options));
    }

    static Result read(CsvReader opened) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        try (CsvReader reader = opened) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    batches.add(batch.rowCount());
                    rows.addAll(rows(batch));
                }
            }
            return new Result(reader.schema(), rows, reader.skippedRows(), batches);
        }
    }

    static List<List<Object>> rows(RecordBatch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < batch.columnCount(); c++) {
                Object v = batch.column(c).getObject(r);
                row.add(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
            }
            rows.add(row);
        }
        return rows;
    }

    static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }
}
