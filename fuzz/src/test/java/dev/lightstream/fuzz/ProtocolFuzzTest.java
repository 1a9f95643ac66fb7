package dev.lightstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.LightstreamMessage;
import dev.lightstream.protocol.ProtocolOptions;
import dev.lightstream.protocol.RawMessage;
import dev.lightstream.protocol.TableBatch;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protocol's receiving side ({@link LightstreamConnection#receive()}: the handshake decoder,
 * the frame decoder, each table channel's IPC decoder) on arbitrary bytes from the peer. The
 * receiver registers two message types and two tables; seeds are what a real peer with the same
 * registrations sends: a handshake, messages of several sizes, table batches with dictionary,
 * list and nullable columns, made at run time.
 */
class ProtocolFuzzTest {
    static final Schema METRICS = Schema.of(
            Field.of("id", DataType.INT64),
            Field.nullable("host", DataType.dictionary(DataType.INT32, DataType.UTF8)),
            Field.nullable("samples", DataType.list(DataType.FLOAT64)));
    static final Schema LOGS = Schema.of(Field.nullable("line", DataType.UTF8), Field.nullable("level", DataType.INT8));

    /** Small maxima, so that forged lengths are refused at once rather than allocated. */
    static final ProtocolOptions OPTIONS = ProtocolOptions.DEFAULT.withMaxFrameBytes(1 << 20)
            .withReadOptions(Contract.OPTIONS);

    static void register(LightstreamConnection connection) {
        connection.registerMessage("command");
        connection.registerTable("metrics", METRICS);
        connection.registerMessage("event");
        connection.registerTable("logs", LOGS);
    }

    static Stream<Arguments> seeds() {
        byte[] receiverHello = receiverHello();
        return IntStream.range(0, 12).mapToObj(seed -> Arguments.argumentSet("generated session " + seed,
                (Object) session(seed, receiverHello)));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void receiver(byte[] input) {
        Contract.readOrRefuse(allocator -> {
            try (LightstreamConnection connection = new LightstreamConnection(new MemoryConnection(input, 4096),
                    allocator, OPTIONS)) {
                register(connection);
                for (LightstreamMessage next = connection.receive(); next != null; next = connection.receive()) {
                    try (LightstreamMessage message = next) {
                        switch (message) {
                            case RawMessage raw -> raw.payload().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                            case TableBatch table -> Contract.touch(table.batch());
                        }
                    }
                }
            }
        });
    }

    /** What the receiver sends first: its handshake, recorded from a connection given no input. */
    private static byte[] receiverHello() {
        MemoryConnection wire = new MemoryConnection(new byte[0], Integer.MAX_VALUE, true);
        try (BufferAllocator allocator = BufferAllocator.create();
             LightstreamConnection receiver = new LightstreamConnection(wire, allocator, OPTIONS)) {
            register(receiver);
            receiver.handshake();
            throw new AssertionError("a handshake with no peer succeeded");
        } catch (IOException expected) {
            // the peer's hello never came; ours was written
        }
        return wire.written();
    }

    /** A peer's whole output for one session: its handshake, then messages and batches chosen by {@code seed}. */
    private static byte[] session(int seed, byte[] receiverHello) {
        Random random = new Random(seed);
        MemoryConnection wire = new MemoryConnection(receiverHello, Integer.MAX_VALUE);
        List<MemoryBlock> blocks = new ArrayList<>();
        try (BufferAllocator allocator = BufferAllocator.create();
             LightstreamConnection peer = new LightstreamConnection(wire, allocator, OPTIONS)) {
            register(peer);
            List<String> hosts = new ArrayList<>(List.of("a", "b"));
            for (int step = 0; step < 1 + random.nextInt(6); step++) {
                switch (random.nextInt(4)) {
                    case 0 -> peer.send("command", ("cmd " + step).getBytes(StandardCharsets.UTF_8));
                    case 1 -> {
                        byte[] payload = new byte[random.nextInt(300)];
                        random.nextBytes(payload);
                        peer.send("event", payload);
                    }
                    case 2 -> {
                        if (random.nextBoolean()) {
                            hosts.add("h" + step);
                        }
                        int rows = 1 + random.nextInt(5);
                        List<Object> ids = new ArrayList<>();
                        List<Object> hostValues = new ArrayList<>();
                        List<Object> samples = new ArrayList<>();
                        for (int r = 0; r < rows; r++) {
                            ids.add((long) random.nextInt(1000));
                            hostValues.add(random.nextInt(5) == 0 ? null : hosts.get(random.nextInt(hosts.size())));
                            samples.add(random.nextInt(5) == 0 ? null : List.of(random.nextDouble(), 1.5));
                        }
                        send(peer, "metrics", METRICS, allocator, blocks, ids, hostValues, samples);
                    }
                    default -> send(peer, "logs", LOGS, allocator, blocks, Arrays.asList("started", null, "ok"),
                            Arrays.asList((byte) 1, (byte) 2, null));
                }
            }
            peer.flush();
            peer.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            blocks.forEach(MemoryBlock::release);
        }
        return wire.written();
    }

    @SafeVarargs
    private static void send(LightstreamConnection peer, String table, Schema schema, BufferAllocator allocator,
            List<MemoryBlock> blocks, List<Object>... columns) throws IOException {
        Array[] arrays = new Array[columns.length];
        for (int i = 0; i < columns.length; i++) {
            arrays[i] = ArrayBuilder.fromList(allocator, schema.fields().get(i).type(), columns[i], blocks);
        }
        try (RecordBatch batch = RecordBatch.of(schema, arrays)) {
            peer.sendTable(table, batch);
        }
    }
}
