package dev.lightstream.benchmarks;

import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** Lightstream's side of the stream measurements: write copies of a batch, read and sum. */
final class Ours {
    private Ours() {}

    /** Writes {@code copies} copies of {@code batch} as one stream; returns the bytes written. */
    static long writeStream(WritableByteChannel channel, RecordBatch batch, long copies, BufferAllocator allocator,
            IpcWriteOptions options) throws IOException {
        try (ArrowStreamWriter writer = new ArrowStreamWriter(channel, batch.schema(), allocator, options)) {
            for (long i = 0; i < copies; i++) {
                writer.write(batch);
            }
            writer.end();
            return writer.bytesWritten();
        }
    }

    /** Reads a stream to its end, summing column 0 (int64) of every batch. */
    static Moved readStream(ReadableByteChannel channel, BufferAllocator allocator) throws IOException {
        long rows = 0;
        long sum = 0;
        try (ArrowStreamReader reader = new ArrowStreamReader(channel, allocator)) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    sum += sum(batch);
                    rows += batch.rowCount();
                }
            }
        }
        return new Moved(rows, 0, sum);
    }

    /** The sum of column 0, an int64 column, of {@code batch}. */
    static long sum(RecordBatch batch) {
        Int64Array ids = (Int64Array) batch.column(0);
        long sum = 0;
        for (int i = 0, n = ids.length(); i < n; i++) {
            sum += ids.get(i);
        }
        return sum;
    }
}
