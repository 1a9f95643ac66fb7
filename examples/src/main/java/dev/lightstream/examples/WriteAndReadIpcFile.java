package dev.lightstream.examples;

import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowFileWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a small table to an Arrow IPC file and reads it back.
 *
 * <p>Run with a path to keep the file ({@code WriteAndReadIpcFile /tmp/cities.arrow}); without
 * one it goes to a temporary file, deleted at the end. Prints one line per row:
 *
 * <pre>
 * 1 Oslo 709000
 * 2 Lima null
 * 3 Rome 2750000
 * </pre>
 *
 * {@snippet :
 * WriteAndReadIpcFile.main(new String[0]);
 * }
 */
public final class WriteAndReadIpcFile {
    private WriteAndReadIpcFile() {}

    public static void main(String[] args) throws IOException {
        Path path = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("cities", ".arrow");
        try {
            // readme:write-read-file
            Schema schema = Schema.of(
                    Field.of("id", DataType.INT64),
                    Field.nullable("city", DataType.UTF8),
                    Field.nullable("population", DataType.INT64));
            try (BufferAllocator allocator = BufferAllocator.create()) {
                // Write: build a batch, write it; closing the writer writes the footer.
                try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
                    builder.appendRow(1L, "Oslo", 709_000L)
                            .appendRow(2L, "Lima", null)
                            .appendRow(3L, "Rome", 2_750_000L);
                    try (RecordBatch batch = builder.build();
                         ArrowFileWriter writer = new ArrowFileWriter(path, schema, allocator)) {
                        writer.write(batch);
                    }
                }
                // Read: each batch's arrays are slices of the bytes read, not copies.
                try (ArrowFileReader reader = new ArrowFileReader(path, allocator)) {
                    for (int i = 0; i < reader.batchCount(); i++) {
                        try (RecordBatch batch = reader.batch(i)) {
                            Int64Array ids = (Int64Array) batch.column("id");
                            BinaryArray cities = (BinaryArray) batch.column("city");
                            Int64Array population = (Int64Array) batch.column("population");
                            for (int row = 0; row < batch.rowCount(); row++) {
                                System.out.println(ids.get(row) + " " + cities.getString(row) + " "
                                        + (population.isNull(row) ? "null" : population.get(row)));
                            }
                        }
                    }
                }
            }
            // end:write-read-file
        } finally {
            if (args.length == 0) {
                Files.deleteIfExists(path);
            }
        }
    }
}
