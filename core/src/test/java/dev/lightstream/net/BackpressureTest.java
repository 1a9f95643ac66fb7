package dev.lightstream.net;

import static dev.lightstream.net.DisconnectTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.fixtures.NetFixture;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client that stops reading makes the serving server's writer block, its read-ahead stop at the
 * in-flight limit, and its memory stay under that limit (plus the one batch waiting for budget),
 * measured with the allocator and the transfer's accounting while the client sleeps.
 */
@Timeout(120)
class BackpressureTest {
    private static final int BATCHES = 64;
    private static final int ROWS = 32 * 1024;                   // 512 KiB per batch
    private static final long BATCH_BYTES = Generated.bytes(ROWS);
    private static final long LIMIT = 4 * BATCH_BYTES;           // 2 MiB in flight per connection
    /** Memory of the server besides batches (writer scratch): none expected, a little allowed. */
    private static final long SLACK = 64 * 1024;

    static List<?> transports() {
        return NetFixture.sockets();
    }

    private static NetFixture smallBuffers(NetFixture fixture) {
        // Small socket buffers, so that the kernel soaks up little and the writer blocks soon.
        return fixture.with(o -> o.withInFlightBytes(LIMIT).withSocket(SocketOptions.defaults()
                .withSendBufferSize(64 * 1024).withReceiveBufferSize(64 * 1024)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aClientThatStopsReadingBlocksTheServerWithinTheLimit(Supplier<NetFixture> transport) throws Exception {
        try (NetFixture fixture = smallBuffers(transport.get());
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             TableServer server = TableServer.serve(fixture.listen(),
                     BatchSource.of(Generated.SCHEMA, () -> Generated.batches(serverMemory, BATCHES, ROWS)),
                     serverMemory, fixture.serverOptions());
             NetTableReader client = NetTableReader.connect(server.endpoint(), clientMemory, fixture.clientOptions())) {
            try (RecordBatch first = client.next()) {
                Generated.assertBatch(first, 0, ROWS, "batch 0");
            }
            // The client sleeps. The server's read-ahead fills the budget and waits for the writer,
            // which waits for the client.
            await(() -> server.transfers().size() == 1 && server.transfers().getFirst().isWaitingForBudget()
                    && server.transfers().getFirst().inFlightBytes() == LIMIT);
            Transfer transfer = server.transfers().getFirst();
            long held = serverMemory.allocatedBytes();
            assertThat(held).as("server memory while the client sleeps")
                    .isLessThanOrEqualTo(LIMIT + BATCH_BYTES + SLACK);
            assertThat(transfer.batchesSent()).as("the writer is blocked well before the end").isLessThan(BATCHES / 2);
            assertThat(transfer.batchesRead()).as("the source is read no further than the budget allows")
                    .isLessThanOrEqualTo(transfer.batchesSent() + LIMIT / BATCH_BYTES + 2);
            System.err.printf("%s: client asleep after 1 batch: server sent %d, read %d, in flight %d, allocated %d "
                            + "(limit %d + one batch %d)%n", fixture.name(), transfer.batchesSent(),
                    transfer.batchesRead(), transfer.inFlightBytes(), held, LIMIT, BATCH_BYTES);

            // The client wakes up and gets everything, intact.
            for (int i = 1; i < BATCHES; i++) {
                try (RecordBatch batch = client.next()) {
                    Generated.assertBatch(batch, i, ROWS, "batch " + i);
                }
            }
            assertThat(client.next()).isNull();
            assertThat(transfer.peakInFlightBytes()).isLessThanOrEqualTo(LIMIT);
            assertThat(serverMemory.peakBytes()).as("server memory, peak over the whole transfer")
                    .isLessThanOrEqualTo(LIMIT + BATCH_BYTES + SLACK);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aStalledClientCostsOnlyItsOwnBudgetWhileOthersFinish(Supplier<NetFixture> transport) throws Exception {
        try (NetFixture fixture = smallBuffers(transport.get());
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             TableServer server = TableServer.serve(fixture.listen(),
                     BatchSource.of(Generated.SCHEMA, () -> Generated.batches(serverMemory, BATCHES, ROWS)),
                     serverMemory, fixture.serverOptions());
             NetTableReader stalled = NetTableReader.connect(server.endpoint(), clientMemory,
                     fixture.clientOptions())) {
            stalled.schema();
            await(() -> server.transfers().size() == 1 && server.transfers().getFirst().isWaitingForBudget());
            for (int c = 0; c < 2; c++) {
                try (NetTableReader fast = NetTableReader.connect(server.endpoint(), clientMemory,
                        fixture.clientOptions())) {
                    for (int i = 0; i < BATCHES; i++) {
                        try (RecordBatch batch = fast.next()) {
                            Generated.assertBatch(batch, i, ROWS, "fast client " + c + " batch " + i);
                        }
                    }
                    assertThat(fast.next()).isNull();
                }
            }
            await(() -> server.transfers().size() == 1);
            assertThat(server.transfers().getFirst().isWaitingForBudget()).isTrue();
            assertThat(serverMemory.allocatedBytes()).as("what the stalled client still costs")
                    .isLessThanOrEqualTo(LIMIT + BATCH_BYTES + SLACK);
            assertThat(serverMemory.peakBytes()).as("three clients, each within its own budget")
                    .isLessThanOrEqualTo(3 * (LIMIT + BATCH_BYTES + SLACK));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void shuttingDownWithAStalledClientReleasesEverything(Supplier<NetFixture> transport) throws Exception {
        try (NetFixture fixture = smallBuffers(transport.get()).with(o -> o.withServer(
                ServerOptions.defaults().withShutdownGrace(Duration.ofMillis(200))));
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking()) {
            TableServer server = TableServer.serve(fixture.listen(),
                    BatchSource.of(Generated.SCHEMA, () -> Generated.batches(serverMemory, BATCHES, ROWS)),
                    serverMemory, fixture.serverOptions());
            try (NetTableReader stalled = NetTableReader.connect(server.endpoint(), clientMemory,
                    fixture.clientOptions())) {
                stalled.schema();
                await(() -> server.transfers().size() == 1 && server.transfers().getFirst().isWaitingForBudget());
                assertThat(serverMemory.allocatedBytes()).isPositive();
                assertThat(server.shutdown(Duration.ofMillis(200))).as("the stalled transfer had to be cut").isFalse();
                assertThat(server.connectionCount()).isZero();
                assertThat(serverMemory.allocatedBytes()).as("every batch read ahead is released").isZero();
                // The client reads what was in flight, then learns that the stream was cut short.
                assertThatThrownBy(() -> {
                    for (int i = 0; ; i++) {
                        try (RecordBatch batch = stalled.next()) {
                            Generated.assertBatch(batch, i, ROWS, "batch " + i);
                        }
                    }
                }).isInstanceOf(java.io.IOException.class);
            }
        }
    }
}
