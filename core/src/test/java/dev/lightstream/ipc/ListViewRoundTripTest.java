package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.Bitmaps;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Batches;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.RoundTrip;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** List views (no golden file has them): out of order, overlapping, null, sliced; 32 and 64 bits. */
class ListViewRoundTripTest {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Test
    void listViewsRoundTrip() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            List<MemoryBlock> blocks = new ArrayList<>();
            ArrayData values = TestArrays.int32(allocator, blocks, 0, 1, 2, null, 4, 5, 6);
            int[][] views = {{4, 3}, {0, 2}, {1, 4}, {0, 0}, {6, 1}, {2, 2}};
            List<Array> columns = new ArrayList<>();
            for (boolean large : new boolean[] {false, true}) {
                int width = large ? 8 : 4;
                MemoryBlock offsets = allocator.allocate(views.length * width);
                MemoryBlock sizes = allocator.allocate(views.length * width);
                MemoryBlock validity = allocator.allocate(1);
                blocks.add(offsets);
                blocks.add(sizes);
                blocks.add(validity);
                for (int i = 0; i < views.length; i++) {
                    if (large) {
                        offsets.segment().set(LONG, i * 8L, views[i][0]);
                        sizes.segment().set(LONG, i * 8L, views[i][1]);
                    } else {
                        offsets.segment().set(INT, i * 4L, views[i][0]);
                        sizes.segment().set(INT, i * 4L, views[i][1]);
                    }
                    Bitmaps.set(validity.segment(), i, i != 3);
                }
                DataType type = large ? DataType.largeListView(DataType.INT32) : DataType.listView(DataType.INT32);
                columns.add(Array.of(ArrayData.of(type, views.length,
                        new MemorySegment[] {validity.segment(), offsets.segment(), sizes.segment()}, List.of(values))));
            }
            Schema schema = Schema.of(Field.nullable("lv", columns.get(0).type()), Field.nullable("llv", columns.get(1).type()));
            RecordBatch batch = RecordBatch.of(schema, columns);
            assertThat(batch.column(0).getObject(2)).isEqualTo(java.util.Arrays.asList(1, 2, null, 4));
            List<RecordBatch> batches = List.of(batch, batch.slice(1, 4), batch.slice(3, 0));
            byte[] stream = RoundTrip.writeStream(schema, batches, allocator, IpcWriteOptions.DEFAULT);
            try (Golden.Content back = RoundTrip.readStream(stream, allocator)) {
                for (int i = 0; i < batches.size(); i++) {
                    Batches.assertEqual(batches.get(i), back.batches().get(i), "batch " + i);
                    RoundTrip.assertAlignedInsideBlocks(back.batches().get(i), "batch " + i);
                }
            }
            blocks.forEach(MemoryBlock::release);
        }
    }
}
