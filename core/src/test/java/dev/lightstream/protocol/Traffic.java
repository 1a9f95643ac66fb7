package dev.lightstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.RandomData;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The traffic of the transport tests: what one side sends, from several threads at once, on four
 * names (two message types, two table channels), and the checks the other side runs on what it
 * receives. Everything derives from the sender's seed, so a receiver in another process can check.
 *
 * <ul>
 *   <li>{@code event}: messages from two threads, 0 bytes to 400 KB (small ones coalesced, large
 *       ones written from where they lie), each naming its thread and sequence number;</li>
 *   <li>{@code command}: short UTF-8 messages from a third thread;</li>
 *   <li>{@code dict}: batches whose dictionary stays the same array, grows (sent as a delta) or
 *       changes (a replacement), from a fourth thread;</li>
 *   <li>{@code everything}: random batches of a schema with every type of the model, from a fifth.</li>
 * </ul>
 */
final class Traffic {
    static final String EVENT = "event";
    static final String COMMAND = "command";
    static final String DICT = "dict";
    static final String EVERYTHING = "everything";

    static final int EVENT_THREADS = 2;
    static final int EVENTS_PER_THREAD = 250;
    static final int COMMANDS = 120;
    static final int DICT_BATCHES = 30;
    static final int EVERYTHING_BATCHES = 8;
    static final int EVERYTHING_MAX_ROWS = 40;

    static final DataType.Dictionary CITY = DataType.dictionary(DataType.INT32, DataType.UTF8);
    static final Schema DICT_SCHEMA = Schema.of(Field.nullable("city", CITY), Field.nullable("n", DataType.INT32));

    private Traffic() {}

    /** Registers the four names, in one order or the reverse. */
    static void register(LightstreamConnection connection, boolean reversed) {
        List<Runnable> steps = new ArrayList<>(List.of(
                () -> connection.registerMessage(EVENT),
                () -> connection.registerMessage(COMMAND),
                () -> connection.registerTable(DICT, DICT_SCHEMA),
                () -> connection.registerTable(EVERYTHING, EveryType.schema())));
        if (reversed) {
            java.util.Collections.reverse(steps);
        }
        steps.forEach(Runnable::run);
    }

    /** What one side received. */
    record Received(int events, int commands, int dictBatches, int everythingBatches) {
        int total() {
            return events + commands + dictBatches + everythingBatches;
        }

        static Received expected() {
            return new Received(EVENT_THREADS * EVENTS_PER_THREAD, COMMANDS, DICT_BATCHES, EVERYTHING_BATCHES);
        }
    }

    /**
     * Sends this side's traffic (from its seed) on other threads while receiving and checking the
     * peer's (from the peer's seed) on this one; ends the output once everything is sent, and returns
     * once the peer's output ended.
     */
    static Received run(LightstreamConnection connection, BufferAllocator allocator, long seed, long peerSeed)
            throws Exception {
        FutureTask<Void> sending = new FutureTask<>(() -> {
            send(connection, allocator, seed);
            connection.shutdownOutput();
            return null;
        });
        Thread sender = Thread.ofVirtual().name("traffic-send").start(sending);
        Received received;
        try {
            received = receive(connection, allocator, peerSeed);
        } catch (Throwable t) {
            connection.transport().close(); // unblock the senders; the failure is this one
            sender.join();
            throw t;
        }
        try {
            sending.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
        return received;
    }

    // ---- sending -----------------------------------------------------------------------------

    /** Sends everything from five threads at once; returns when all are done. */
    static void send(LightstreamConnection connection, BufferAllocator allocator, long seed) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < EVENT_THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                    connection.send(EVENT, event(seed, thread, i));
                    if (i % 97 == 0) {
                        connection.flush();
                    }
                }
                return null;
            });
        }
        tasks.add(() -> {
            for (int i = 0; i < COMMANDS; i++) {
                connection.send(COMMAND, command(seed, i).getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
        tasks.add(() -> {
            List<MemoryBlock> blocks = new ArrayList<>();
            try {
                ArrayData dictionary = null;
                for (DictStep step : dictPlan(seed)) {
                    if (!step.sameArray()) {
                        dictionary = TestArrays.utf8(allocator, blocks, step.dictionary().toArray(String[]::new));
                    }
                    try (RecordBatch batch = dictBatch(allocator, dictionary, step)) {
                        connection.sendTable(DICT, batch);
                    }
                }
            } finally {
                blocks.forEach(MemoryBlock::release);
            }
            return null;
        });
        tasks.add(() -> {
            RandomData random = new RandomData(seed + 1);
            Schema schema = EveryType.schema();
            for (int i = 0; i < EVERYTHING_BATCHES; i++) {
                try (RecordBatch batch = random.batch(allocator, schema, EVERYTHING_MAX_ROWS)) {
                    connection.sendTable(EVERYTHING, batch);
                }
            }
            return null;
        });
        List<FutureTask<Void>> running = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            FutureTask<Void> future = new FutureTask<>(task);
            Thread.ofVirtual().name("traffic-sender").start(future);
            running.add(future);
        }
        for (FutureTask<Void> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
        }
    }

    /** Event {@code index} of thread {@code thread}: [thread u8][index u32 LE][seeded bytes]. */
    static byte[] event(long seed, int thread, int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + thread * 65_537L + index);
        int draw = random.nextInt(100);
        int size = draw < 65 ? random.nextInt(64) : draw < 88 ? random.nextInt(4096)
                : draw < 97 ? 8193 + random.nextInt(40_000) : 200_000 + random.nextInt(200_000);
        byte[] bytes = new byte[5 + size];
        random.nextBytes(bytes);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).put(0, (byte) thread).putInt(1, index);
        return bytes;
    }

    static String command(long seed, int index) {
        return "command " + index + " of peer " + seed + (index % 7 == 0 ? " ünïcødé ✓" : "");
    }

    /** One batch of the dict channel: its dictionary's values, and whether it is the previous array. */
    record DictStep(List<String> dictionary, boolean sameArray, Integer[] indices, Integer[] numbers) {}

    /**
     * The dict channel's batches: the dictionary stays the same array, grows or is replaced, the
     * first three steps one of each for sure.
     */
    static List<DictStep> dictPlan(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED);
        List<DictStep> plan = new ArrayList<>();
        List<String> dictionary = List.of("Paris", "Oslo", "Lima");
        for (int b = 0; b < DICT_BATCHES; b++) {
            // 0 same, 1-2 grow, 3 replace; steps 1, 2, 3 are one of each for sure.
            int action = b == 0 ? -1 : b == 1 ? 0 : b == 2 ? 1 : b == 3 ? 3 : random.nextInt(4);
            boolean same = action == 0;
            if (action == 1 || action == 2) {
                List<String> grown = new ArrayList<>(dictionary);
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    grown.add("city " + b + "." + k);
                }
                dictionary = List.copyOf(grown);
            } else if (action == 3) {
                List<String> fresh = new ArrayList<>();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    fresh.add("new " + b + "." + k);
                }
                dictionary = List.copyOf(fresh);
            }
            int rows = random.nextInt(50);
            Integer[] indices = new Integer[rows];
            Integer[] numbers = new Integer[rows];
            for (int r = 0; r < rows; r++) {
                indices[r] = random.nextInt(10) == 0 ? null : random.nextInt(dictionary.size());
                numbers[r] = random.nextInt(5) == 0 ? null : random.nextInt();
            }
            plan.add(new DictStep(dictionary, same, indices, numbers));
        }
        return plan;
    }

    /** A batch of the dict channel over {@code dictionary}; its blocks are its own. */
    static RecordBatch dictBatch(BufferAllocator allocator, ArrayData dictionary, DictStep step) {
        List<MemoryBlock> blocks = new ArrayList<>();
        ArrayData city = TestArrays.dictionary(CITY, dictionary, allocator, blocks, step.indices());
        ArrayData n = TestArrays.int32(allocator, blocks, step.numbers());
        return RecordBatch.of(DICT_SCHEMA, step.indices().length, List.of(Array.of(city), Array.of(n)), blocks);
    }

    // ---- receiving ---------------------------------------------------------------------------

    /** Receives until the peer's output ends, checking every message and batch against its seed. */
    static Received receive(LightstreamConnection connection, BufferAllocator allocator, long peerSeed)
            throws Exception {
        int[] nextEvent = new int[EVENT_THREADS];
        int commands = 0;
        List<DictStep> plan = dictPlan(peerSeed);
        List<TableBatch> dictBatches = new ArrayList<>();
        RandomData random = new RandomData(peerSeed + 1);
        Schema everything = EveryType.schema();
        int everythingBatches = 0;
        try {
            LightstreamMessage message;
            while ((message = connection.receive()) != null) {
                switch (message) {
                    case RawMessage m when m.name().equals(EVENT) -> {
                        try (m) {
                            ByteBuffer head = m.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                            int thread = head.get(0);
                            int index = head.getInt(1);
                            assertThat(index).as("event order of thread " + thread).isEqualTo(nextEvent[thread]);
                            byte[] expected = event(peerSeed, thread, index);
                            assertThat(m.payload().mismatch(MemorySegment.ofArray(expected)))
                                    .as("event " + thread + "/" + index + " of " + m.length() + " bytes").isEqualTo(-1);
                            nextEvent[thread]++;
                        }
                    }
                    case RawMessage m -> {
                        try (m) {
                            assertThat(m.name()).isEqualTo(COMMAND);
                            assertThat(m.utf8()).isEqualTo(command(peerSeed, commands));
                            commands++;
                        }
                    }
                    case TableBatch t when t.name().equals(DICT) -> {
                        checkDict(allocator, plan.get(dictBatches.size()), t.batch(), "dict batch " + dictBatches.size());
                        dictBatches.add(t); // kept open: later replacements must not change it
                    }
                    case TableBatch t -> {
                        try (t) {
                            assertThat(t.name()).isEqualTo(EVERYTHING);
                            try (RecordBatch expected = random.batch(allocator, everything, EVERYTHING_MAX_ROWS)) {
                                Optional<ArrayEquality.Difference> difference =
                                        ArrayEquality.defaults().compare(expected, t.batch());
                                assertThat(difference).as("everything batch " + everythingBatches).isEmpty();
                            }
                            everythingBatches++;
                        }
                    }
                }
            }
            for (int i = 0; i < dictBatches.size(); i++) {
                checkDict(allocator, plan.get(i), dictBatches.get(i).batch(), "dict batch " + i + " at the end");
            }
        } finally {
            dictBatches.forEach(TableBatch::close);
        }
        Received received = new Received(Arrays.stream(nextEvent).sum(), commands, dictBatches.size(), everythingBatches);
        assertThat(received).isEqualTo(Received.expected());
        return received;
    }

    private static void checkDict(BufferAllocator allocator, DictStep step, RecordBatch actual, String what) {
        List<MemoryBlock> blocks = new ArrayList<>();
        try {
            ArrayData dictionary = TestArrays.utf8(allocator, blocks, step.dictionary().toArray(String[]::new));
            try (RecordBatch expected = dictBatch(allocator, dictionary, step)) {
                assertThat(ArrayEquality.defaults().compare(expected, actual)).as(what).isEmpty();
            }
        } finally {
            blocks.forEach(MemoryBlock::release);
        }
    }
}
