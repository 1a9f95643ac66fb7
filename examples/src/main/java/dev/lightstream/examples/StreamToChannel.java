package dev.lightstream.examples;

import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.nio.channels.Pipe;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes an Arrow IPC stream into a channel while another thread reads it from the other end: a
 * {@link Pipe} here, a socket or a file the same way.
 *
 * <p>Prints one line per batch received, then the total:
 *
 * <pre>
 * batch of 1000 rows, sum 499500
 * batch of 1000 rows, sum 1499500
 * batch of 1000 rows, sum 2499500
 * received 3000 rows
 * </pre>
 *
 * {@snippet :
 * StreamToChannel.main(new String[0]);
 * }
 */
public final class StreamToChannel {
    private StreamToChannel() {}

    public static void main(String[] args) throws Exception {
        // readme:stream-to-channel
        Schema schema = Schema.of(Field.of("n", DataType.INT64));
        Pipe pipe = Pipe.open();
        try (BufferAllocator allocator = BufferAllocator.create();
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            // The writer sends three batches; closing it ends the stream and closes the channel.
            Future<?> sent = executor.submit(() -> {
                try (ArrowStreamWriter writer = new ArrowStreamWriter(pipe.sink(), schema, allocator)) {
                    for (int b = 0; b < 3; b++) {
                        long[] values = new long[1000];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = b * 1000L + i;
                        }
                        try (RecordBatch batch = RecordBatch.of(schema, Int64Array.of(allocator, values))) {
                            writer.write(batch);
                        }
                    }
                }
                return null;
            });
            // The reader gets each batch as it arrives, until the end of the stream.
            long rows = 0;
            try (ArrowStreamReader reader = new ArrowStreamReader(pipe.source(), allocator)) {
                for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                    try (RecordBatch batch = next) {
                        Int64Array n = (Int64Array) batch.column(0);
                        long sum = 0;
                        for (int i = 0; i < n.length(); i++) {
                            sum += n.get(i);
                        }
                        System.out.println("batch of " + batch.rowCount() + " rows, sum " + sum);
                        rows += batch.rowCount();
                    }
                }
            }
            sent.get(); // rethrows what went wrong on the writing side, if anything
            System.out.println("received " + rows + " rows");
        }
        // end:stream-to-channel
    }
}
