package dev.lightstream.cli.load;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The batches of the load test, each carrying its own checksum: {@code batch} (its index, in every
 * row), {@code payload} (pseudo-random int64 values from a seed) and {@code crc32c} (the CRC-32C of
 * the payload values as little-endian bytes, in every row). A receiver recomputes the checksum from
 * what it received and checks the index against the count it has seen, so a lost, repeated,
 * reordered or altered batch is noticed.
 *
 * {@snippet :
 * try (RecordBatch batch = CheckedBatches.make(allocator, seed, 0, 1024)) {
 *     assert CheckedBatches.problem(batch, 0, 1024) == null;
 * }
 * }
 */
public final class CheckedBatches {
    /** The schema of every batch. */
    public static final Schema SCHEMA = Schema.of(
            Field.of("batch", DataType.INT32), Field.of("payload", DataType.INT64), Field.of("crc32c", DataType.INT64));

    private CheckedBatches() {}

    /** Batch {@code index} of a stream whose payload comes from {@code seed}; one block holds all three columns. */
    public static RecordBatch make(BufferAllocator allocator, long seed, int index, int rows) {
        long indexBytes = pad(rows * 4L);
        long longBytes = pad(rows * 8L);
        MemoryBlock block = allocator.allocateUninitialized(indexBytes + 2 * longBytes);
        MemorySegment indices = block.segment().asSlice(0, rows * 4L);
        MemorySegment payload = block.segment().asSlice(indexBytes, rows * 8L);
        MemorySegment crcs = block.segment().asSlice(indexBytes + longBytes, rows * 8L);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        for (int i = 0; i < rows; i++) {
            indices.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, index);
            payload.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong());
        }
        CRC32C crc = new CRC32C();
        crc.update(payload.asByteBuffer());
        for (int i = 0; i < rows; i++) {
            crcs.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, crc.getValue());
        }
        List<Array> columns = List.of(
                Array.of(ArrayData.of(DataType.INT32, rows, new MemorySegment[] {null, indices}, List.of())),
                Array.of(ArrayData.of(DataType.INT64, rows, new MemorySegment[] {null, payload}, List.of())),
                Array.of(ArrayData.of(DataType.INT64, rows, new MemorySegment[] {null, crcs}, List.of())));
        return RecordBatch.of(SCHEMA, rows, columns, List.of(block));
    }

    /** The bytes of column data one batch of {@code rows} rows carries (what throughput counts). */
    public static long bytes(int rows) {
        return rows * 20L;
    }

    /**
     * What is wrong with a received batch, or null if it is batch {@code expectedIndex} of
     * {@code rows} rows with a payload that matches its checksum.
     */
    public static String problem(RecordBatch batch, int expectedIndex, int rows) {
        if (batch.rowCount() != rows) {
            return "batch " + expectedIndex + " has " + batch.rowCount() + " rows, not " + rows;
        }
        if (!batch.schema().fields().equals(SCHEMA.fields())) {
            return "batch " + expectedIndex + " has schema " + batch.schema();
        }
        Int32Array indices = (Int32Array) batch.column(0);
        Int64Array crcs = (Int64Array) batch.column(2);
        for (int i = 0; i < rows; i++) {
            if (indices.get(i) != expectedIndex) {
                return "batch " + expectedIndex + " row " + i + " says it is batch " + indices.get(i);
            }
        }
        // The payload's values as they lie in memory (little-endian), as the sender summed them.
        ArrayData payload = batch.column(1).data();
        CRC32C crc = new CRC32C();
        crc.update(payload.buffer(1).asSlice(payload.offset() * 8L, rows * 8L).asByteBuffer());
        for (int i = 0; i < rows; i++) {
            if (crcs.get(i) != crc.getValue()) {
                return "batch " + expectedIndex + ": checksum " + Long.toHexString(crc.getValue()) + " of the payload, "
                        + Long.toHexString(crcs.get(i)) + " sent (row " + i + ")";
            }
        }
        return null;
    }

    private static long pad(long bytes) {
        return (bytes + 63) & ~63L;
    }
}
