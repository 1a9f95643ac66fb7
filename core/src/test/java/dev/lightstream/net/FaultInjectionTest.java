package dev.lightstream.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.CorruptFrameException;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults injected by raw sockets into table servers on loopback: a peer that resets the connection
 * (RST, {@code SO_LINGER 0}), one that stalls in the middle of a message, one that sends garbage
 * after a valid schema, one that reads slowly then resets. In each case the faulty connection's
 * failure reaches the server's error listener as a typed {@link IOException}, a healthy client
 * served at the same time gets its whole table (every value checked), and afterwards the server has
 * no connection left and its allocator holds nothing: no memory is kept for dead connections.
 */
@Timeout(60)
class FaultInjectionTest {
    private static final int ROWS = 1000;
    /** The read timeout the receiving server sets on its connections, for the stall test. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    /** A receiving server that checks every batch and records, per client, what happened. */
    private static final class Ingest implements AutoCloseable {
        final LeakCheckingAllocator memory = BufferAllocator.leakChecking();
        final Map<String, String> outcomes = new ConcurrentHashMap<>();
        final Map<String, Integer> progress = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Throwable> reported = new ConcurrentLinkedQueue<>();
        final TableServer server;

        Ingest() throws IOException {
            TableHandler handler = stream -> {
                String client = stream.schema().metadata().get("client");
                int batches = 0;
                try {
                    for (RecordBatch batch; (batch = stream.next()) != null; batches++) {
                        try (RecordBatch b = batch) {
                            Generated.assertBatch(b, batches, ROWS, client + " batch " + batches);
                        }
                        progress.put(client, batches + 1);
                    }
                    outcomes.put(client, batches + " batches");
                } catch (Throwable t) {
                    outcomes.put(client, batches + " then " + t.getClass().getSimpleName());
                    throw t;
                }
            };
            NetOptions options = NetOptions.defaults()
                    .withSocket(SocketOptions.defaults().withReadTimeout(READ_TIMEOUT))
                    .withServer(ServerOptions.defaults().withErrorListener((remote, error) -> reported.add(error)));
            server = TableServer.receive(Endpoint.parse("tcp://127.0.0.1:0"), handler, memory, options);
        }

        /** Waits until the server has no connection left, then checks that it holds no memory. */
        void assertIdleAndEmpty() throws InterruptedException {
            await(() -> server.connectionCount() == 0);
            assertThat(memory.allocatedBytes()).as("bytes held after every connection ended").isZero();
        }

        @Override
        public void close() {
            server.close();
            memory.close(); // fails on leaks
        }
    }

    private static Schema client(String name) {
        return new Schema(Generated.SCHEMA.fields(), Map.of("client", name));
    }

    private static Socket connect(TableServer server) throws IOException {
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", address.getPort()), 5000);
        return socket;
    }

    /** Closes with a reset instead of a FIN: SO_LINGER with a zero timeout. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** A healthy client: sends {@code batches} batches while a fault happens, on a virtual thread. */
    private static Thread healthy(TableServer server, String name, int batches) {
        return Thread.ofVirtual().start(() -> {
            try (LeakCheckingAllocator memory = BufferAllocator.leakChecking();
                 NetTableWriter writer = NetTableWriter.connect(server.endpoint(), client(name), memory,
                         NetOptions.defaults())) {
                for (int i = 0; i < batches; i++) {
                    try (RecordBatch batch = Generated.batch(memory, i, ROWS)) {
                        writer.write(batch);
                    }
                }
                writer.finish();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aPeerThatResetsMidMessage() throws Exception {
        DisconnectTest.Encoded stream = DisconnectTest.encode(client("rst"));
        try (Ingest ingest = new Ingest()) {
            Thread other = healthy(ingest.server, "healthy", 20);
            try (Socket socket = connect(ingest.server)) {
                // One whole batch, then most of the second one's body, then a reset.
                socket.getOutputStream().write(stream.bytes(), 0, (int) stream.batchEnds()[1] - 100);
                socket.getOutputStream().flush();
                await(() -> ingest.progress.getOrDefault("rst", 0) == 1); // the first batch was read
                reset(socket);
            }
            other.join();
            await(() -> ingest.outcomes.size() == 2);
            assertThat(ingest.outcomes).containsEntry("healthy", "20 batches");
            assertThat(ingest.outcomes.get("rst")).startsWith("1 then "); // reset or EOF, depending on timing
            await(() -> !ingest.reported.isEmpty()); // the listener hears after the handler threw
            assertThat(ingest.reported).singleElement().isInstanceOf(IOException.class);
            ingest.assertIdleAndEmpty();
        }
    }

    @Test
    void aPeerThatStallsMidMessageIsTimedOut() throws Exception {
        DisconnectTest.Encoded stream = DisconnectTest.encode(client("stall"));
        try (Ingest ingest = new Ingest(); Socket socket = connect(ingest.server)) {
            socket.getOutputStream().write(stream.bytes(), 0, (int) stream.batchEnds()[0] + 40); // inside batch 2's metadata
            socket.getOutputStream().flush();
            Thread other = healthy(ingest.server, "healthy", 20);
            // The stalled connection stays open on our side; the server's read timeout ends it.
            await(() -> ingest.outcomes.containsKey("stall"));
            other.join();
            await(() -> ingest.outcomes.size() == 2);
            assertThat(ingest.outcomes).containsEntry("stall", "1 then SocketTimeoutException")
                    .containsEntry("healthy", "20 batches");
            await(() -> !ingest.reported.isEmpty());
            assertThat(ingest.reported).singleElement().isInstanceOf(SocketTimeoutException.class);
            ingest.assertIdleAndEmpty();
            // The server closed the stalled connection: our side reads its end.
            socket.setSoTimeout(5000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void garbageAfterAValidSchema() throws Exception {
        DisconnectTest.Encoded stream = DisconnectTest.encode(client("garbage"));
        Random random = new Random(8);
        try (Ingest ingest = new Ingest()) {
            Thread other = healthy(ingest.server, "healthy", 20);
            for (int round = 0; round < 8; round++) {
                byte[] garbage = new byte[1 + random.nextInt(4096)];
                random.nextBytes(garbage);
                if (round == 0) { // a continuation marker, then a metadata length over the maximum
                    garbage = new byte[] {-1, -1, -1, -1, (byte) 0xF0, -1, -1, 0x7F};
                }
                try (Socket socket = connect(ingest.server)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(stream.bytes(), 0, (int) stream.schemaEnd());
                    out.write(garbage);
                    socket.shutdownOutput();
                    InputStream in = socket.getInputStream();
                    socket.setSoTimeout(10_000);
                    try {
                        while (in.read() >= 0) {
                            // the server closes once it has refused the stream
                        }
                    } catch (java.net.SocketException reset) {
                        // closing with our garbage unread makes the server's kernel send a reset
                    }
                }
                int seen = round + 1;
                await(() -> ingest.reported.size() == seen);
            }
            other.join();
            await(() -> ingest.outcomes.containsKey("healthy"));
            assertThat(ingest.outcomes).containsEntry("healthy", "20 batches");
            assertThat(ingest.outcomes.get("garbage")).startsWith("0 then ");
            assertThat(ingest.reported).hasSize(8).allSatisfy(e -> assertThat(e)
                    .isInstanceOfAny(CorruptFrameException.class, FrameTooLargeException.class,
                            java.io.EOFException.class));
            assertThat(ingest.reported.peek()).isInstanceOf(FrameTooLargeException.class);
            ingest.assertIdleAndEmpty();
        }
    }

    @Test
    void aSlowConsumerHoldsOnlyItsBudgetThenResets() throws Exception {
        int batches = 64;
        int rows = 32 * 1024; // 512 KiB a batch
        long budget = 2L << 20;
        ConcurrentLinkedQueue<Throwable> reported = new ConcurrentLinkedQueue<>();
        try (LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking()) {
            NetOptions options = NetOptions.defaults().withInFlightBytes(budget)
                    .withSocket(SocketOptions.defaults().withSendBufferSize(64 * 1024))
                    .withServer(ServerOptions.defaults().withErrorListener((remote, error) -> reported.add(error)));
            try (TableServer server = TableServer.serve(Endpoint.parse("tcp://127.0.0.1:0"),
                    BatchSource.of(Generated.SCHEMA, () -> Generated.batches(serverMemory, batches, rows)),
                    serverMemory, options)) {
                try (Socket slow = connect(server)) {
                    slow.setReceiveBufferSize(64 * 1024);
                    InputStream in = slow.getInputStream();
                    byte[] some = new byte[8192];
                    int got = in.read(some); // a little, then nothing: the server's writes block
                    assertThat(got).isPositive();
                    await(() -> !server.transfers().isEmpty() && server.transfers().getFirst().isWaitingForBudget());
                    // Blocked on a slow consumer, the server holds its budget and the one batch waiting for it.
                    assertThat(serverMemory.allocatedBytes()).isLessThanOrEqualTo(budget + Generated.bytes(rows));
                    // Another client is served in full meanwhile.
                    try (NetTableReader fast = NetTableReader.connect(server.endpoint(), clientMemory,
                            NetOptions.defaults())) {
                        for (int i = 0; i < batches; i++) {
                            try (RecordBatch batch = fast.next()) {
                                Generated.assertBatch(batch, i, rows, "fast batch " + i);
                            }
                        }
                        assertThat(fast.next()).isNull();
                    }
                    reset(slow);
                }
                await(() -> server.connectionCount() == 0 && !reported.isEmpty());
                assertThat(server.transfers()).isEmpty();
                assertThat(serverMemory.allocatedBytes()).as("the reset consumer's batches were released").isZero();
            }
            assertThat(reported).singleElement().isInstanceOf(IOException.class);
        }
    }

    /** Waits for a condition another thread makes true; the class timeout bounds it. */
    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        DisconnectTest.await(condition);
    }
}
