package dev.lightstream.cli.io;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.Schema;
import java.io.IOException;

/**
 * An opened input of record batches, whatever its format: an Arrow IPC file or stream (also from
 * a server, see {@link IpcSource}), a CSV file ({@link CsvSource}) or a Parquet file
 * ({@link ParquetSource}). Commands read every format through this.
 *
 * {@snippet :
 * try (DataSource source = Sources.open("data.csv", null, allocator, csvOptions, console)) {
 *     for (RecordBatch next = source.next(); next != null; next = source.next()) {
 *         try (RecordBatch batch = next) {
 *             use(batch);
 *         }
 *     }
 * }
 * }
 */
public interface DataSource extends AutoCloseable {
    /** The path, "stdin" or the server. */
    String name();

    /** What is read: "CSV", "Parquet", "Arrow IPC file"... */
    String description();

    Schema schema() throws IOException;

    /** The next batch, which the caller closes, or null at the end. */
    RecordBatch next() throws IOException;

    /** The number of rows when the input says it up front (a footer), else -1. */
    long rowCount() throws IOException;

    /** The share of the input read so far, in 0..1, or -1 when the size is unknown. */
    double fractionRead();

    @Override
    void close() throws IOException;
}
