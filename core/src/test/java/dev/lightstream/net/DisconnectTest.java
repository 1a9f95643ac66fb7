package dev.lightstream.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.fixtures.NetFixture;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Peers that go away mid-stream: the other side gets an {@link EOFException} (or the transport's
 * IOException), never a hang or a partial batch, and a server goes on serving its other clients.
 */
@Timeout(60)
class DisconnectTest {
    private static final int ROWS = 1000;

    /** An encoded stream of 3 batches and where its messages end. */
    record Encoded(byte[] bytes, long schemaEnd, long[] batchEnds) {}

    static Encoded encode(Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] ends = new long[3];
        long schemaEnd;
        try (BufferAllocator allocator = BufferAllocator.create();
             ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(out), schema, allocator)) {
            writer.start();
            schemaEnd = writer.bytesWritten();
            for (int i = 0; i < 3; i++) {
                try (RecordBatch batch = Generated.batch(allocator, i, ROWS)) {
                    writer.write(batch);
                }
                ends[i] = writer.bytesWritten();
            }
        }
        return new Encoded(out.toByteArray(), schemaEnd, ends);
    }

    /** Where the connection is cut, and how many whole batches come before. */
    record Cut(String where, int wholeBatches) {
        long offset(Encoded e) {
            return switch (where) {
                case "inside the schema" -> e.schemaEnd() / 2;
                case "inside the second batch's metadata" -> e.batchEnds()[0] + 12;
                case "inside the second batch's body" -> e.batchEnds()[1] - 100;
                case "between batches, no end marker" -> e.batchEnds()[1];
                default -> throw new IllegalArgumentException(where);
            };
        }
    }

    static Stream<Arguments> cuts() {
        List<Arguments> all = new ArrayList<>();
        for (Named<Supplier<NetFixture>> transport : NetFixture.sockets()) {
            for (Cut cut : List.of(new Cut("inside the schema", 0), new Cut("inside the second batch's metadata", 1),
                    new Cut("inside the second batch's body", 1), new Cut("between batches, no end marker", 2))) {
                all.add(Arguments.of(transport, Named.of(cut.where(), cut)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cuts")
    void aServerVanishingMidStreamIsEofForItsClient(Supplier<NetFixture> transport, Cut cut) throws Exception {
        Encoded stream = encode(Generated.SCHEMA);
        long offset = cut.offset(stream);
        try (NetFixture fixture = transport.get();
             LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             ConnectionServer server = Transports.listen(fixture.listen(), fixture.serverOptions().transport(),
                     connection -> connection.write(ByteBuffer.wrap(stream.bytes(), 0, (int) offset)));
             NetTableReader reader = NetTableReader.connect(server.endpoint(), allocator, fixture.clientOptions())) {
            for (int i = 0; i < cut.wholeBatches(); i++) {
                try (RecordBatch batch = reader.next()) {
                    Generated.assertBatch(batch, i, ROWS, "batch " + i + " before the cut");
                }
            }
            assertThatThrownBy(reader::next).isInstanceOf(EOFException.class);
        }
    }

    static List<?> transports() {
        return NetFixture.sockets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aClientVanishingMidStreamLeavesTheReceivingServerServingOthers(Supplier<NetFixture> transport)
            throws Exception {
        Map<String, Object> outcomes = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Throwable> reported = new ConcurrentLinkedQueue<>();
        TableHandler handler = stream -> {
            String client = stream.schema().metadata().get("client");
            int batches = 0;
            try {
                for (RecordBatch batch; (batch = stream.next()) != null; batches++) {
                    try (RecordBatch b = batch) {
                        Generated.assertBatch(batch, batches, ROWS, client + " batch " + batches);
                    }
                }
                outcomes.put(client, batches);
            } catch (Throwable t) {
                outcomes.put(client, batches + " then " + t.getClass().getSimpleName());
                throw t;
            }
        };
        Schema a = withClient("A");
        Schema b = withClient("B");
        Schema c = withClient("C");
        Encoded partial = encode(a);
        try (NetFixture base = transport.get();
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking()) {
            NetFixture fixture = base.with(o -> o.withServer(ServerOptions.defaults()
                    .withErrorListener((remote, error) -> reported.add(error))));
            try (TableServer server = TableServer.receive(fixture.listen(), handler, serverMemory,
                    fixture.serverOptions())) {
                try (NetTableWriter writerB = NetTableWriter.connect(server.endpoint(), b, clientMemory,
                        fixture.clientOptions())) {
                    for (int i = 0; i < 10; i++) {
                        send(writerB, clientMemory, i);
                    }
                    // A sends one batch and part of the next, and goes away.
                    try (Connection connectionA = Transports.connect(server.endpoint(),
                            fixture.clientOptions().transport())) {
                        connectionA.write(ByteBuffer.wrap(partial.bytes(), 0, (int) partial.batchEnds()[1] - 100));
                    }
                    await(() -> outcomes.containsKey("A"));
                    for (int i = 10; i < 20; i++) {
                        send(writerB, clientMemory, i);
                    }
                    writerB.finish();
                    await(() -> outcomes.containsKey("B"));
                }
                try (NetTableWriter writerC = NetTableWriter.connect(server.endpoint(), c, clientMemory,
                        fixture.clientOptions())) {
                    for (int i = 0; i < 5; i++) {
                        send(writerC, clientMemory, i);
                    }
                }
                await(() -> outcomes.containsKey("C"));
            }
            assertThat(outcomes).containsEntry("A", "1 then EOFException").containsEntry("B", 20).containsEntry("C", 5);
            assertThat(reported).singleElement().isInstanceOf(EOFException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aClientLeavingMidTableDoesNotStopTheServingServer(Supplier<NetFixture> transport) throws Exception {
        int batches = 24;
        int rows = 64 * 1024; // 1 MiB each: more than the socket buffers hold
        ConcurrentLinkedQueue<Throwable> reported = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Transfer> ended = new ConcurrentLinkedQueue<>();
        try (NetFixture base = transport.get();
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking()) {
            NetFixture fixture = base.with(o -> o.withServer(ServerOptions.defaults()
                    .withErrorListener((remote, error) -> reported.add(error))));
            try (TableServer server = TableServer.serve(fixture.listen(),
                    BatchSource.of(Generated.SCHEMA, () -> Generated.batches(serverMemory, batches, rows)),
                    serverMemory, fixture.serverOptions(), ended::add)) {
                try (NetTableReader b = NetTableReader.connect(server.endpoint(), clientMemory,
                        fixture.clientOptions())) {
                    try (RecordBatch first = b.next()) {
                        Generated.assertBatch(first, 0, rows, "B batch 0");
                    }
                    try (NetTableReader a = NetTableReader.connect(server.endpoint(), clientMemory,
                            fixture.clientOptions())) {
                        try (RecordBatch first = a.next()) {
                            Generated.assertBatch(first, 0, rows, "A batch 0");
                        }
                    } // A leaves with 23 batches unread
                    await(() -> !reported.isEmpty());
                    readRest(b, 1, batches, rows, "B");
                }
                try (NetTableReader c = NetTableReader.connect(server.endpoint(), clientMemory,
                        fixture.clientOptions())) {
                    readRest(c, 0, batches, rows, "C");
                }
                await(() -> server.connectionCount() == 0);
                assertThat(server.transfers()).isEmpty();
                assertThat(server.acceptedCount()).isEqualTo(3);
            }
            assertThat(reported).as("only A's transfer failed").singleElement().isInstanceOf(IOException.class);
            assertThat(ended).hasSize(3).allMatch(Transfer::isDone).allMatch(t -> t.elapsedNanos() > 0);
            assertThat(ended.stream().filter(t -> t.failure().isPresent()))
                    .singleElement().satisfies(t -> {
                        assertThat(t.failure().get()).isSameAs(reported.peek());
                        assertThat(t.batchesSent()).isLessThan(batches);
                    });
            assertThat(ended.stream().filter(t -> t.failure().isEmpty()))
                    .hasSize(2).allMatch(t -> t.batchesSent() == batches);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aSourceFailingMidTableIsEofForTheClientNotAShortTable(Supplier<NetFixture> transport) throws Exception {
        ConcurrentLinkedQueue<Throwable> reported = new ConcurrentLinkedQueue<>();
        try (NetFixture base = transport.get();
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking()) {
            NetFixture fixture = base.with(o -> o.withServer(ServerOptions.defaults()
                    .withErrorListener((remote, error) -> reported.add(error))));
            BatchSource failing = BatchSource.of(Generated.SCHEMA, () -> new java.util.Iterator<RecordBatch>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public RecordBatch next() {
                    if (next == 3) {
                        throw new java.io.UncheckedIOException(new IOException("disk gone (test)"));
                    }
                    return Generated.batch(serverMemory, next++, ROWS);
                }
            });
            try (TableServer server = TableServer.serve(fixture.listen(), failing, serverMemory,
                    fixture.serverOptions());
                 NetTableReader reader = NetTableReader.connect(server.endpoint(), clientMemory,
                         fixture.clientOptions())) {
                for (int i = 0; i < 3; i++) {
                    try (RecordBatch batch = reader.next()) {
                        Generated.assertBatch(batch, i, ROWS, "batch " + i);
                    }
                }
                assertThatThrownBy(reader::next).isInstanceOf(EOFException.class)
                        .hasMessageContaining("after 3 batch(es) without the end-of-stream marker");
                await(() -> !reported.isEmpty());
                assertThat(reported).singleElement().isInstanceOf(java.io.UncheckedIOException.class);
            }
        }
    }

    private static void readRest(NetTableReader reader, int from, int batches, int rows, String who)
            throws IOException {
        for (int i = from; i < batches; i++) {
            try (RecordBatch batch = reader.next()) {
                Generated.assertBatch(batch, i, rows, who + " batch " + i);
            }
        }
        assertThat(reader.next()).isNull();
    }

    private static void send(NetTableWriter writer, BufferAllocator allocator, int index) throws IOException {
        try (RecordBatch batch = Generated.batch(allocator, index, ROWS)) {
            writer.write(batch);
        }
    }

    private static Schema withClient(String name) {
        return new Schema(Generated.SCHEMA.fields(), Map.of("client", name));
    }

    /** Waits for a condition another thread makes true; the class timeout bounds it. */
    static void await(Supplier<Boolean> condition) throws InterruptedException {
        while (!condition.get()) {
            Thread.sleep(2);
        }
    }
}
