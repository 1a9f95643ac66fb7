package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileWriter;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.schema.Schema;
import java.io.IOException;

/**
 * A sink of record batches written one at a time: an Arrow IPC stream or file, a network stream
 * ({@link NetTableWriter}). What {@link BatchSubscriber} writes to.
 *
 * {@snippet :
 * try (BatchWriter writer = BatchWriter.of(new ArrowFileWriter(path, schema, allocator))) {
 *     writer.write(batch);        // the caller still owns the batch
 * }                               // finish(): the footer; then the file is closed
 * }
 *
 * <p>An output that is {@linkplain #finish() finished} is complete (a stream's end-of-stream
 * marker, a file's footer); one that is {@linkplain #abort() aborted} is left visibly incomplete,
 * so that readers do not mistake a failed transfer for a short one. Not thread-safe.
 */
public interface BatchWriter extends AutoCloseable {

    /** The schema as written (with dictionary ids assigned). */
    Schema schema();

    /**
     * Writes {@code batch}; the caller keeps ownership of it. Blocks while the output does not take
     * bytes (a slow network peer), which is how backpressure reaches the caller.
     *
     * @throws IllegalArgumentException if the batch does not match the schema
     */
    void write(RecordBatch batch) throws IOException;

    /** Completes the output (end-of-stream marker, footer), leaving it open. Idempotent. */
    void finish() throws IOException;

    /** Closes the output without completing it and frees the writer's memory. Idempotent. */
    void abort();

    /** Finishes the output unless aborted, frees the writer's memory and closes the output. Idempotent. */
    @Override
    void close() throws IOException;

    /** A writer over an Arrow IPC stream writer, which it closes when closed. */
    static BatchWriter of(ArrowStreamWriter writer) {
        java.util.Objects.requireNonNull(writer, "writer");
        return new BatchWriter() {
            @Override
            public Schema schema() {
                return writer.schema();
            }

            @Override
            public void write(RecordBatch batch) throws IOException {
                writer.write(batch);
            }

            @Override
            public void finish() throws IOException {
                writer.end();
            }

            @Override
            public void abort() {
                writer.abort();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    /** A writer over an Arrow IPC file writer, which it closes when closed. */
    static BatchWriter of(ArrowFileWriter writer) {
        java.util.Objects.requireNonNull(writer, "writer");
        return new BatchWriter() {
            @Override
            public Schema schema() {
                return writer.schema();
            }

            @Override
            public void write(RecordBatch batch) throws IOException {
                writer.write(batch);
            }

            @Override
            public void finish() throws IOException {
                writer.finish();
            }

            @Override
            public void abort() {
                writer.abort();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }
}
