package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;

/** The {@link BatchReader}s over the IPC readers and over an iterator. */
final class StreamFileReaders {
    private StreamFileReaders() {}

    /** Over an {@link ArrowStreamReader}. */
    static final class Stream implements BatchReader {
        private final ArrowStreamReader reader;

        Stream(ArrowStreamReader reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
        }

        @Override
        public Schema schema() throws IOException {
            return reader.schema();
        }

        @Override
        public RecordBatch next() throws IOException {
            return reader.next();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Over every batch of an {@link ArrowFileReader}, in order. */
    static final class File implements BatchReader {
        private final ArrowFileReader reader;
        private int index;

        File(ArrowFileReader reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
        }

        @Override
        public Schema schema() {
            return reader.schema();
        }

        @Override
        public RecordBatch next() throws IOException {
            return index < reader.batchCount() ? reader.batch(index++) : null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Over an iterator of batches. */
    static final class OfIterator implements BatchReader {
        private final Schema schema;
        private final Iterator<? extends RecordBatch> batches;
        private boolean closed;

        OfIterator(Schema schema, Iterator<? extends RecordBatch> batches) {
            this.schema = Objects.requireNonNull(schema, "schema");
            this.batches = Objects.requireNonNull(batches, "batches");
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public RecordBatch next() {
            if (closed) {
                throw new IllegalStateException("reader is closed");
            }
            return batches.hasNext() ? Objects.requireNonNull(batches.next(), "the iterator yielded null") : null;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
