package dev.lightstream.cli.io;

import dev.lightstream.array.RecordBatch;
import java.io.IOException;

/**
 * An output of record batches being written, whatever its format: Arrow IPC ({@link IpcSink}),
 * CSV or Parquet ({@link WriterSink}). A path is written beside its target and
 * moved into place by {@link #commit()}; {@link #close()} without a commit discards it.
 *
 * {@snippet :
 * try (DataSink sink = Sinks.open("out.parquet", DataFormat.PARQUET, schema, settings, allocator, console)) {
 *     sink.write(batch);
 *     sink.commit();
 * }
 * }
 */
public interface DataSink extends AutoCloseable {
    /** Writes {@code batch}; the caller still closes it. */
    void write(RecordBatch batch) throws IOException;

    /** Bytes written so far (for Parquet, those of the row groups already flushed). */
    long bytesWritten();

    /** Ends the output and moves a file into place. */
    void commit() throws IOException;

    /** Discards the output unless it was committed. */
    @Override
    void close() throws IOException;
}
