package dev.lightstream.parquet;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A small file of known content: ids 0..rows-1 with a struct, a list and a map derived from them. */
final class Samples {
    static final Schema SCHEMA = Schema.of(
            Field.of("id", DataType.INT64),
            Field.nullable("s", DataType.struct(Field.nullable("a", DataType.INT32), Field.nullable("b", DataType.UTF8))),
            Field.nullable("l", DataType.list(DataType.INT32)),
            Field.nullable("m", DataType.map(DataType.UTF8, DataType.INT64, false)),
            Field.nullable("name", DataType.UTF8));

    private Samples() {}

    static Object[] row(long id) {
        return new Object[] {id, id % 5 == 0 ? null : Map.of("a", (int) id * 2, "b", "b" + id),
            id % 3 == 0 ? null : List.of((int) id, (int) id + 1), Map.of("k" + id, id),
            "name-" + (id % 10)};
    }

    /** Writes {@code rows} rows in batches of 64 with {@code options}. */
    static void write(Path path, BufferAllocator allocator, int rows, ParquetWriteOptions options) throws IOException {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA);
                ParquetWriter writer = ParquetWriter.open(path, SCHEMA, options)) {
            for (int id = 0; id < rows; id++) {
                builder.appendRow(row(id));
                if (builder.rowCount() == 64 || id == rows - 1) {
                    try (RecordBatch batch = builder.build()) {
                        writer.write(batch);
                    }
                }
            }
        }
    }
}
