package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.RoundTrip;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SegmentStreamReader}: golden streams, zero copy, truncation, corruption, lifetime. */
@Timeout(60)
class SegmentStreamReaderTest {
    private static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.nullable("name", DataType.UTF8));

    static Stream<Path> cases() {
        return Golden.uncompressedCases();
    }

    /** Every uncompressed golden stream, in native and in heap memory, reads as ArrowStreamReader reads it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenStreamsEqualTheChannelReader(Path base) throws Exception {
        byte[] bytes = Files.readAllBytes(Golden.stream(base));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking(); Arena arena = Arena.ofConfined()) {
            MemorySegment nativeCopy = arena.allocate(Math.max(1, bytes.length), 64).asSlice(0, bytes.length);
            nativeCopy.copyFrom(MemorySegment.ofArray(bytes));
            for (MemorySegment segment : List.of(nativeCopy, MemorySegment.ofArray(bytes).asReadOnly())) {
                try (Golden.Content expected = Golden.readStream(Golden.stream(base), allocator);
                     Golden.Content actual = readAll(segment, allocator)) {
                    Golden.assertEqual(expected, actual, Golden.name(base));
                    for (RecordBatch batch : actual.batches()) {
                        for (Array column : batch.columns()) {
                            for (int i = 0; i < column.length(); i++) {
                                column.getObject(i);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void ourStreamsAreReadWithoutACopy() throws Exception {
        try (BufferAllocator writing = BufferAllocator.create(); Arena arena = Arena.ofConfined();
             LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            MemorySegment stream = load(arena, stream(writing, 3, 500));
            try (SegmentStreamReader reader = new SegmentStreamReader(stream, allocator, IpcReadOptions.DEFAULT)) {
                assertThat(reader.schema()).isEqualTo(SCHEMA);
                for (int b = 0; b < 3; b++) {
                    try (RecordBatch batch = reader.next()) {
                        assertThat(batch.blocks()).isEmpty();
                        Int64Array ids = (Int64Array) batch.column(0);
                        assertThat(ids.values().address()).isBetween(stream.address(), stream.address() + stream.byteSize());
                        for (int i = 0; i < 500; i++) {
                            assertThat(ids.get(i)).isEqualTo(b * 1000L + i);
                            assertThat(batch.column(1).getObject(i)).isEqualTo(i % 4 == 0 ? null : "n" + i);
                        }
                    }
                }
                assertThat(reader.next()).isNull();
                assertThat(reader.position()).isEqualTo(stream.byteSize());
            }
            assertThat(allocator.totalAllocations()).isZero();
        }
    }

    @Test
    void batchesThrowOnceTheSegmentIsGone() throws Exception {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            byte[] bytes = stream(allocator, 1, 10);
            Arena arena = Arena.ofShared();
            SegmentStreamReader reader = new SegmentStreamReader(load(arena, bytes), allocator, IpcReadOptions.DEFAULT);
            RecordBatch batch = reader.next();
            Int64Array ids = (Int64Array) batch.column(0);
            assertThat(ids.get(3)).isEqualTo(3L);
            arena.close();
            assertThatThrownBy(() -> ids.get(3)).isInstanceOf(IllegalStateException.class);
            batch.close();
            reader.close();
            reader.close();
            assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Every prefix reads cleanly up to a message boundary or raises an IOException (EOF inside a message). */
    @Test
    void truncatedStreams() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            byte[] bytes;
            try (BufferAllocator writing = BufferAllocator.create()) {
                bytes = stream(writing, 2, 40);
            }
            int eofs = 0;
            for (int length = 0; length < bytes.length; length++) {
                MemorySegment prefix = MemorySegment.ofArray(bytes).asSlice(0, length);
                try (SegmentStreamReader reader = new SegmentStreamReader(prefix, allocator, IpcReadOptions.DEFAULT)) {
                    int batches = 0;
                    for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                        next.close();
                        batches++;
                    }
                    assertThat(batches).as("prefix %d", length).isLessThanOrEqualTo(2);
                } catch (EOFException expected) {
                    eofs++;
                } catch (IOException other) {
                    throw new AssertionError("prefix " + length + ": " + other, other);
                }
            }
            assertThat(eofs).isGreaterThan(bytes.length / 2);
        }
    }

    @Test
    void corruptedStreamsRaiseIoExceptions() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            byte[] bytes;
            try (BufferAllocator writing = BufferAllocator.create()) {
                bytes = stream(writing, 2, 40);
            }
            long seed = new Random().nextLong();
            Random random = new Random(seed);
            for (int round = 0; round < 500; round++) {
                byte[] copy = bytes.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                try (Golden.Content read = readAll(MemorySegment.ofArray(copy), allocator)) {
                    for (RecordBatch batch : read.batches()) {
                        for (Array column : batch.columns()) {
                            for (int i = 0; i < column.length(); i++) {
                                column.getObject(i);
                            }
                        }
                    }
                } catch (IOException refused) {
                    // refused cleanly
                } catch (RuntimeException e) {
                    throw new AssertionError("seed=" + seed + " round=" + round + ": unchecked " + e, e);
                }
            }
        }
    }

    private static Golden.Content readAll(MemorySegment segment, BufferAllocator allocator) throws IOException {
        try (SegmentStreamReader reader = new SegmentStreamReader(segment, allocator, IpcReadOptions.DEFAULT)) {
            Schema schema = reader.schema();
            List<RecordBatch> batches = new ArrayList<>();
            try {
                for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                    batches.add(next);
                }
            } catch (IOException | RuntimeException e) {
                batches.forEach(RecordBatch::close);
                throw e;
            }
            return new Golden.Content(schema, batches);
        }
    }

    private static MemorySegment load(Arena arena, byte[] bytes) {
        MemorySegment segment = arena.allocate(bytes.length, 64);
        segment.copyFrom(MemorySegment.ofArray(bytes));
        return segment;
    }

    /** A stream of {@code batches} batches: ids b*1000+i, names "n"+i with every fourth null. */
    private static byte[] stream(BufferAllocator allocator, int batches, int rows) throws IOException {
        List<RecordBatch> list = new ArrayList<>();
        try {
            for (int b = 0; b < batches; b++) {
                try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
                    for (int i = 0; i < rows; i++) {
                        builder.appendRow(b * 1000L + i, i % 4 == 0 ? null : "n" + i);
                    }
                    list.add(builder.build());
                }
            }
            return RoundTrip.writeStream(SCHEMA, list, allocator, IpcWriteOptions.DEFAULT);
        } finally {
            list.forEach(RecordBatch::close);
        }
    }
}
