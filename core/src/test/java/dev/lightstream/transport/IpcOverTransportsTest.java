package dev.lightstream.transport;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Batches;
import dev.lightstream.fixtures.RandomData;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transport API is all Arrow IPC needs: a stream reader on a connection as a
 * ReadableByteChannel, a stream writer on it as a GatheringByteChannel. An echo server reads
 * batches and writes them back; the client compares. (The protocol layer comes later; this shows the
 * seam fits.)
 */
@Timeout(60)
class IpcOverTransportsTest {

    static List<?> transports() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void arrowStreamsRunOverEveryTransport(Supplier<TransportFixture> kind) throws Exception {
        TransportFixture fixture = kind.get();
        ConnectionHandler echo = connection -> {
            try (BufferAllocator allocator = BufferAllocator.create()) {
                ArrowStreamReader reader = new ArrowStreamReader(connection, allocator);
                // close() would close the connection both ways: end the stream, then half-close.
                ArrowStreamWriter writer = new ArrowStreamWriter(connection, reader.schema(), allocator);
                for (RecordBatch batch; (batch = reader.next()) != null; ) {
                    try (RecordBatch b = batch) {
                        writer.write(b);
                    }
                }
                writer.end();
                connection.shutdownOutput();
                writer.close();
                reader.close();
            }
        };
        RandomData data = new RandomData(42);
        Schema schema = data.schema(4, 2);
        try (BufferAllocator allocator = BufferAllocator.create();
                ConnectionServer server = fixture.listen(SocketOptions.defaults(), ServerOptions.defaults(), echo);
                Connection client = fixture.connect(server, SocketOptions.defaults())) {
            List<RecordBatch> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(data.batch(allocator, schema, 300));
            }
            ArrowStreamWriter writer = new ArrowStreamWriter(client, schema, allocator);
            CompletableFuture<Void> writing = Async.run(() -> {
                for (RecordBatch batch : sent) {
                    writer.write(batch);
                }
                writer.end();
                client.shutdownOutput();
            });
            try (ArrowStreamReader reader = new ArrowStreamReader(client, allocator)) {
                for (int i = 0; i < sent.size(); i++) {
                    try (RecordBatch echoed = reader.next()) {
                        Batches.assertSameValues(sent.get(i), echoed, "batch " + i);
                    }
                }
                org.assertj.core.api.Assertions.assertThat(reader.next()).isNull();
                writing.get(); // before the reader's close closes the connection under the writer
            }
            writer.close();
            sent.forEach(RecordBatch::close);
        } finally {
            fixture.cleanUp();
        }
    }
}
