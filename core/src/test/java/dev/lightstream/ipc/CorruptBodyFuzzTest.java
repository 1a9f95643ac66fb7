package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.RandomData;
import dev.lightstream.fixtures.RoundTrip;
import dev.lightstream.fixtures.StreamLayout;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random streams (every type) with random bytes of their bodies overwritten, read with content
 * validation: each is refused with an IOException, or read into batches whose every value can be
 * read. Never a runtime exception, from the decoder or from an accessor of what it accepted, and
 * never a leak. The seed is in the test name; {@code -Dlightstream.fuzz.seeds=N} runs N.
 */
@Timeout(60)
class CorruptBodyFuzzTest {
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    static LongStream seeds() {
        return LongStream.range(0, Integer.getInteger("lightstream.fuzz.seeds", 300));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void refusedOrReadableThroughout(long seed) throws IOException {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            RandomData random = new RandomData(seed);
            Schema schema = seed % 2 == 0 ? random.schema(4, 3) : random.schema(4, 3, 3);
            List<RecordBatch> batches = new ArrayList<>();
            byte[] stream;
            try {
                for (int i = 0; i < 2; i++) {
                    batches.add(random.batch(allocator, schema, 30));
                }
                stream = RoundTrip.writeStream(schema, batches, allocator, IpcWriteOptions.DEFAULT);
            } finally {
                batches.forEach(RecordBatch::close);
            }
            SplittableRandom choices = new SplittableRandom(seed);
            for (int attempt = 0; attempt < 8; attempt++) {
                byte[] forged = corrupt(stream, choices);
                if (forged == null) {
                    return; // no body bytes to corrupt
                }
                check(forged, allocator, seed, attempt);
            }
        }
    }

    /** The stream with 1 to 3 values of a random buffer overwritten by extremes or random bytes, or null. */
    private static byte[] corrupt(byte[] stream, SplittableRandom choices) {
        List<int[]> buffers = new ArrayList<>();
        for (StreamLayout.Message m : StreamLayout.of(stream).messages()) {
            for (int i = 0; i < m.buffers().length; i++) {
                if (m.bufferLength(i) > 0) {
                    buffers.add(new int[] {m.bufferStart(i), (int) m.bufferLength(i)});
                }
            }
        }
        if (buffers.isEmpty()) {
            return null;
        }
        byte[] copy = stream.clone();
        ByteBuffer bytes = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 1 + choices.nextInt(3); n > 0; n--) {
            int[] buffer = buffers.get(choices.nextInt(buffers.size()));
            int at = buffer[0] + choices.nextInt(buffer[1]);
            int room = buffer[0] + buffer[1] - at;
            switch (choices.nextInt(5)) {
                case 0 -> bytes.put(at, (byte) choices.nextInt(256));
                case 1 -> bytes.put(at, (byte) (bytes.get(at) ^ (1 << choices.nextInt(8))));
                case 2 -> {
                    if (room >= 4) {
                        int[] extremes = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 13, 1 << 16};
                        bytes.putInt(at & ~3, extremes[choices.nextInt(extremes.length)]);
                    }
                }
                case 3 -> bytes.put(at, (byte) (bytes.get(at) + 1));
                default -> bytes.put(at, (byte) (bytes.get(at) - 1));
            }
        }
        return copy;
    }

    private static void check(byte[] forged, BufferAllocator allocator, long seed, int attempt) {
        try (StreamDecoder decoder = new StreamDecoder(allocator)) {
            ByteBuffer in = ByteBuffer.wrap(forged);
            IpcMessage message;
            while ((message = decoder.decode(in)) != null) {
                if (message instanceof IpcMessage.RecordBatchMessage(RecordBatch batch)) {
                    try (batch) {
                        readEverything(batch);
                    }
                }
            }
            decoder.finish();
            ACCEPTED.incrementAndGet();
        } catch (IOException refused) {
            REFUSED.incrementAndGet();
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + " attempt " + attempt + ": " + e, e);
        }
    }

    private static void readEverything(RecordBatch batch) {
        for (Array column : batch.columns()) {
            for (int i = 0; i < column.length(); i++) {
                column.getObject(i);
                column.isNull(i);
            }
        }
    }

    @AfterAll
    static void bothOutcomesHappen() {
        if (REFUSED.get() + ACCEPTED.get() > 500) {
            assertThat(REFUSED.get()).as("refused forgeries").isGreaterThan(50);
            assertThat(ACCEPTED.get()).as("accepted forgeries (data bytes changed)").isGreaterThan(50);
        }
    }
}
