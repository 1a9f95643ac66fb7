package dev.lightstream.examples;

import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.net.BatchSource;
import dev.lightstream.net.NetOptions;
import dev.lightstream.net.NetTableReader;
import dev.lightstream.net.TableServer;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves an Arrow IPC file over TCP and receives it: the server sends the whole table to every
 * client that connects; the client reads it batch by batch. Any endpoint works the same way
 * ({@code tls://}, {@code unix:///path}, {@code -} for stdio).
 *
 * <p>Prints:
 *
 * <pre>
 * received 3 batches, 3000 rows, sum 4498500
 * </pre>
 *
 * {@snippet :
 * ServeOverTcp.main(new String[0]);
 * }
 */
public final class ServeOverTcp {
    private ServeOverTcp() {}

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("served", ".arrow");
        try {
            writeTable(file);
            // readme:serve-over-tcp
            try (BufferAllocator allocator = BufferAllocator.create();
                 TableServer server = TableServer.serve(Endpoint.parse("tcp://127.0.0.1:0"),
                         BatchSource.ofFile(file), allocator, NetOptions.defaults())) {
                Endpoint endpoint = server.endpoint(); // tcp://127.0.0.1:<the port the system chose>
                // A client: each batch arrives zero-copy, its arrays slices of the bytes received.
                try (NetTableReader reader = NetTableReader.connect(endpoint, allocator, NetOptions.defaults())) {
                    long rows = 0;
                    long sum = 0;
                    int batches = 0;
                    for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                        try (RecordBatch batch = next) {
                            Int64Array n = (Int64Array) batch.column("n");
                            for (int i = 0; i < n.length(); i++) {
                                sum += n.get(i);
                            }
                            rows += batch.rowCount();
                            batches++;
                        }
                    }
                    System.out.println("received " + batches + " batches, " + rows + " rows, sum " + sum);
                }
            }
            // end:serve-over-tcp
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Three batches of 1000 rows: 0 to 2999. */
    private static void writeTable(Path file) throws Exception {
        Schema schema = Schema.of(Field.of("n", DataType.INT64));
        try (BufferAllocator allocator = BufferAllocator.create();
             ArrowFileWriter writer = new ArrowFileWriter(file, schema, allocator)) {
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
    }
}
