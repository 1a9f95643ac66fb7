package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.util.Iterator;

/**
 * A source of record batches read one at a time: an Arrow IPC stream or file, a network stream
 * ({@link NetTableReader}), batches made in memory. What {@link TableServer} serves and
 * {@link BatchPublisher} publishes.
 *
 * {@snippet :
 * try (BatchReader reader = BatchReader.of(new ArrowFileReader(path, allocator))) {
 *     for (RecordBatch batch; (batch = reader.next()) != null; ) {
 *         try (RecordBatch b = batch) {
 *             process(batch);
 *         }
 *     }
 * }
 * }
 *
 * <p>Each batch returned by {@link #next()} belongs to the caller, who closes it. Readers are not
 * thread-safe, except {@link #abort()}.
 */
public interface BatchReader extends AutoCloseable {

    /**
     * The schema of the batches.
     *
     * @throws IOException if it cannot be read (a stream that ends before its schema: {@link java.io.EOFException})
     */
    Schema schema() throws IOException;

    /** The next batch, which the caller must close, or null at the end. */
    RecordBatch next() throws IOException;

    /**
     * Makes a {@link #next()} blocked in another thread fail soon, so that a reader can be given up
     * from outside (a cancelled subscription, a server shutting down); the reader must still be closed,
     * by the thread that reads. Network readers close their connection; readers whose reads end by
     * themselves (files, memory) do nothing. Thread-safe and idempotent.
     */
    default void abort() {}

    /** Releases what the reader holds (not the batches handed out) and closes its input. Idempotent. */
    @Override
    void close() throws IOException;

    /** A reader over an Arrow IPC stream reader, which it closes when closed. */
    static BatchReader of(ArrowStreamReader reader) {
        return new StreamFileReaders.Stream(reader);
    }

    /** A reader of every batch of an Arrow IPC file, in order; it closes the file reader when closed. */
    static BatchReader of(ArrowFileReader reader) {
        return new StreamFileReaders.File(reader);
    }

    /**
     * A reader of the batches an iterator yields (each of them then belongs to whoever calls
     * {@link #next()}). Closing the reader does not drain or close the batches the iterator has not
     * yielded.
     */
    static BatchReader of(Schema schema, Iterator<? extends RecordBatch> batches) {
        return new StreamFileReaders.OfIterator(schema, batches);
    }
}
