package dev.lightstream.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.fixtures.NetFixture;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Receiving goes from the socket straight into the message body block, and sending hands the
 * batch's own buffers to one gathering write per message: checked by recording the buffers the
 * connection was given.
 */
@Timeout(60)
class ZeroCopyTest {
    private static final int ROWS = 128 * 1024; // 2 MiB of body per batch
    private static final int BATCHES = 6;
    private static final int STAGING = 16 * 1024;

    static List<?> transports() {
        return NetFixture.sockets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void bodiesAreReadStraightIntoTheirBlock(Supplier<NetFixture> transport) throws Exception {
        try (NetFixture fixture = transport.get();
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             TableServer server = TableServer.serve(fixture.listen(),
                     BatchSource.of(Generated.SCHEMA, () -> Generated.batches(serverMemory, BATCHES, ROWS)),
                     serverMemory, fixture.serverOptions())) {
            RecordingConnection connection = new RecordingConnection(
                    Transports.connect(server.endpoint(), fixture.clientOptions().transport()));
            try (NetTableReader reader = NetTableReader.of(connection, clientMemory, fixture.clientOptions())) {
                long intoBodies = 0;
                long bodies = 0;
                for (int i = 0; i < BATCHES; i++) {
                    try (RecordBatch batch = reader.next()) {
                        Generated.assertBatch(batch, i, ROWS, "batch " + i);
                        assertThat(batch.blocks()).as("one block: the message body").hasSize(1);
                        MemoryBlock body = batch.blocks().getFirst();
                        long start = body.segment().address();
                        long end = start + Generated.bytes(ROWS);
                        // The arrays are slices of the body block...
                        for (int c = 0; c < batch.columnCount(); c++) {
                            long values = batch.column(c).data().buffer(1).address();
                            assertThat(values).as("column " + c + " lies in the body block").isBetween(start, end - 1);
                        }
                        // ...and the socket read into that block directly.
                        long direct = 0;
                        synchronized (connection) {
                            for (RecordingConnection.Read read : connection.reads) {
                                if (read.address() >= start && read.address() + read.bytes() <= end) {
                                    direct += read.bytes();
                                }
                            }
                        }
                        assertThat(direct).as("bytes read into the body block of batch " + i)
                                .isGreaterThanOrEqualTo(Generated.bytes(ROWS) - STAGING);
                        intoBodies += direct;
                        bodies += Generated.bytes(ROWS);
                    }
                }
                assertThat(reader.next()).isNull();
                assertThat(connection.reads).as("no read into a heap buffer")
                        .allMatch(RecordingConnection.Read::direct);
                assertThat(intoBodies).isGreaterThan(bodies * 99 / 100);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void batchesGoOutAsGatheringWritesOfTheirOwnMemory(Supplier<NetFixture> transport) throws Exception {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (NetFixture fixture = transport.get();
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             TableServer server = TableServer.receive(fixture.listen(), stream -> {
                 try {
                     for (int i = 0; i < BATCHES; i++) {
                         try (RecordBatch batch = stream.next()) {
                             Generated.assertBatch(batch, i, ROWS, "received batch " + i);
                         }
                     }
                     assertThat(stream.next()).isNull();
                 } catch (Throwable t) {
                     failures.add(t);
                     throw t;
                 }
             }, serverMemory, fixture.serverOptions())) {
            RecordingConnection connection = new RecordingConnection(
                    Transports.connect(server.endpoint(), fixture.clientOptions().transport()));
            List<RecordBatch> sent = new ArrayList<>();
            try (NetTableWriter writer = NetTableWriter.of(connection, Generated.SCHEMA, clientMemory,
                    fixture.clientOptions())) {
                for (int i = 0; i < BATCHES; i++) {
                    RecordBatch batch = Generated.batch(clientMemory, i, ROWS);
                    sent.add(batch);
                    writer.write(batch);
                }
                writer.finish();
                // Wait for the server to have read everything: closing earlier is fine, but then a
                // failure there would go unseen.
                assertThat(connection.read(java.nio.ByteBuffer.allocateDirect(1))).isEqualTo(-1);
            }
            assertThat(failures).isEmpty();
            // schema, one message per batch, end of stream: one write call each
            assertThat(connection.writes).hasSize(BATCHES + 2);
            for (int i = 0; i < BATCHES; i++) {
                RecordingConnection.Write write = connection.writes.get(i + 1);
                RecordBatch batch = sent.get(i);
                for (int c = 0; c < batch.columnCount(); c++) {
                    long address = batch.column(c).data().buffer(1).address();
                    assertThat(write.buffers()).as("batch " + i + " column " + c + " handed over as is")
                            .contains(new RecordingConnection.Span(true, address, ROWS * 8L));
                }
            }
            sent.forEach(RecordBatch::close);
        }
    }
}
