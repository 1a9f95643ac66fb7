package dev.lightstream.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Large, cheap, deterministic batches: {@code id: int64} counting up across batches and
 * {@code x: float64 = id / 2}. Each batch owns one block holding both columns, so its size is known.
 */
final class Generated {
    static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.of("x", DataType.FLOAT64));

    private Generated() {}

    /** Batch {@code index} of {@code rows} rows, allocated from {@code allocator}. */
    static RecordBatch batch(BufferAllocator allocator, int index, int rows) {
        long column = rows * 8L;
        long padded = (column + 63) & ~63L;
        MemoryBlock block = allocator.allocateUninitialized(2 * padded);
        MemorySegment ids = block.segment().asSlice(0, column);
        MemorySegment xs = block.segment().asSlice(padded, column);
        long first = (long) index * rows;
        for (int i = 0; i < rows; i++) {
            ids.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, first + i);
            xs.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, (first + i) / 2.0);
        }
        Array id = Array.of(ArrayData.of(DataType.INT64, rows, new MemorySegment[] {null, ids}, List.of()));
        Array x = Array.of(ArrayData.of(DataType.FLOAT64, rows, new MemorySegment[] {null, xs}, List.of()));
        return RecordBatch.of(SCHEMA, rows, List.of(id, x), List.of(block));
    }

    /** The bytes one batch of {@code rows} rows holds. */
    static long bytes(int rows) {
        return 2 * ((rows * 8L + 63) & ~63L);
    }

    /** {@code count} batches made as they are asked for. */
    static Iterator<RecordBatch> batches(BufferAllocator allocator, int count, int rows) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public RecordBatch next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return batch(allocator, next++, rows);
            }
        };
    }

    /** Checks that {@code batch} holds batch {@code index} of {@code rows} rows, value by value. */
    static void assertBatch(RecordBatch batch, int index, int rows, String where) {
        try (BufferAllocator scratch = BufferAllocator.create(); RecordBatch expected = batch(scratch, index, rows)) {
            assertThat(batch.rowCount()).as(where + " rows").isEqualTo(rows);
            assertThat(batch.columnCount()).as(where + " columns").isEqualTo(2);
            for (int c = 0; c < 2; c++) {
                assertThat(ArrayEquality.defaults().compare(expected.column(c), batch.column(c)))
                        .as(where + " column " + c).isEmpty();
            }
        }
    }
}
