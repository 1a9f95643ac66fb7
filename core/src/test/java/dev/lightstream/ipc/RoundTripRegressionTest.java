package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.RoundTrip;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.ipc.internal.ArrayConcat;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the random round trips ({@link RandomRoundTripTest}) found broken, one test each, named
 * after what broke.
 */
@Timeout(30)
class RoundTripRegressionTest {
    private LeakCheckingAllocator allocator;
    private final List<MemoryBlock> blocks = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        allocator = BufferAllocator.leakChecking();
    }

    @AfterEach
    void close() {
        blocks.forEach(MemoryBlock::release);
        allocator.close(); // fails on leaks
    }

    private Array array(DataType type, Object... values) {
        return ArrayBuilder.fromList(allocator, type, Arrays.asList(values), blocks);
    }

    private static void assertEqual(List<RecordBatch> expected, Golden.Content actual, String where) {
        assertThat(actual.batches()).as(where).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(ArrayEquality.defaults().compare(expected.get(i), actual.batches().get(i)))
                    .as(where + " batch " + i).isEmpty();
        }
    }

    /** Seed 704 and others: the writer cast an extension array over run-end encoding to RunEndEncodedArray. */
    @Test
    void extensionOverRunEndEncodingIsWritten() throws IOException {
        DataType type = DataType.extension("lightstream.runs", DataType.runEndEncoded(DataType.INT16, DataType.UTF8), "");
        Schema schema = Schema.of(Field.nullable("e", type));
        Array column = array(type, "a", "a", "b", null, null, "c");
        List<RecordBatch> batches = List.of(RecordBatch.of(schema, column), RecordBatch.of(schema, column.slice(1, 4)));
        byte[] stream = RoundTrip.writeStream(schema, batches, allocator, IpcWriteOptions.DEFAULT);
        try (Golden.Content back = RoundTrip.readStream(stream, allocator)) {
            assertEqual(batches, back, "stream");
            assertThat(back.batches().get(1).column(0).getObject(0)).isEqualTo("a");
            assertThat(back.batches().get(1).column(0).getObject(3)).isNull();
        }
        Path file = RoundTrip.writeFile(schema, batches, allocator, IpcWriteOptions.DEFAULT, dir);
        try (Golden.Content back = Golden.readFile(file, allocator)) {
            assertEqual(batches, back, "file");
        }
    }

    /** The same cast in the concatenation of delta dictionaries (and of the writer's copies of dictionaries). */
    @Test
    void extensionOverRunEndEncodingConcatenates() {
        DataType type = DataType.extension("lightstream.runs", DataType.runEndEncoded(DataType.INT32, DataType.INT64), "");
        Array first = array(type, 1L, 1L, 2L);
        Array second = array(type, 2L, 3L, 3L, 3L);
        ArrayData joined = ArrayConcat.concat(List.of(first.slice(1, 2).data(), second.data()), allocator, blocks);
        assertThat(ArrayEquality.defaults().compare(array(type, 1L, 2L, 2L, 3L, 3L, 3L), Array.of(joined))).isEmpty();
    }

    /**
     * Seed 4 and others: a batch whose dictionary had the same values as the one sent, in a new
     * array, made the writer send it again as a replacement, which the file writer refused.
     */
    @Test
    void anEqualDictionaryInANewArrayIsNotSentAgain() throws IOException {
        DataType.Dictionary type = DataType.dictionary(DataType.INT8, DataType.UTF8);
        Schema schema = Schema.of(Field.nullable("d", type).withDictionaryId(0));
        List<RecordBatch> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ArrayData dictionary = TestArrays.utf8(allocator, blocks, "x", "y");
            batches.add(RecordBatch.of(schema, Array.of(TestArrays.dictionary(type, dictionary, allocator, blocks, i % 2, 1))));
        }
        Path file = RoundTrip.writeFile(schema, batches, allocator, IpcWriteOptions.DEFAULT, dir);
        try (Golden.Content back = Golden.readFile(file, allocator)) {
            assertEqual(batches, back, "file");
        }
        byte[] stream = RoundTrip.writeStream(schema, batches, allocator, IpcWriteOptions.DEFAULT);
        int dictionaryMessages = 0;
        try (StreamDecoder decoder = new StreamDecoder(allocator)) {
            ByteBuffer in = ByteBuffer.wrap(stream);
            IpcMessage message;
            while ((message = decoder.decode(in)) != null) {
                if (message instanceof IpcMessage.DictionaryBatch) {
                    dictionaryMessages++;
                } else if (message instanceof IpcMessage.RecordBatchMessage(RecordBatch batch)) {
                    batch.close();
                }
            }
        }
        assertThat(dictionaryMessages).as("dictionary messages").isEqualTo(1);
    }

    // ---- nested dictionaries --------------------------------------------------------------

    private static final DataType.Dictionary INNER = DataType.dictionary(DataType.INT32, DataType.UTF8);
    private static final DataType.Dictionary OUTER = DataType.dictionary(DataType.INT32,
            DataType.struct(Field.nullable("i", INNER).withDictionaryId(1)));
    private static final Schema NESTED = Schema.of(Field.nullable("outer", OUTER).withDictionaryId(0),
            Field.nullable("inner", INNER).withDictionaryId(1));

    /** Outer dictionary values: structs whose field i has {@code indices} into {@code inner}. */
    private ArrayData outerValues(ArrayData inner, Integer... indices) {
        ArrayData child = TestArrays.dictionary(INNER, inner, allocator, blocks, indices);
        return new ArrayData(OUTER.valueType(), indices.length, 0, 0, new java.lang.foreign.MemorySegment[] {null},
                List.of(child), null);
    }

    private RecordBatch nestedBatch(ArrayData outerValues, ArrayData inner, Integer[] outer, Integer... direct) {
        return RecordBatch.of(NESTED, Array.of(TestArrays.dictionary(OUTER, outerValues, allocator, blocks, outer)),
                Array.of(TestArrays.dictionary(INNER, inner, allocator, blocks, direct)));
    }

    private static List<Object> values(RecordBatch batch, int column) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < batch.rowCount(); i++) {
            out.add(batch.column(column).getObject(i));
        }
        return out;
    }

    /**
     * The writer's copy of a dictionary it sent kept pointing at the caller's nested dictionary:
     * once the caller released the batch, comparing the next batch's dictionary with it read
     * released memory.
     */
    @Test
    void theWritersCopyOfANestedDictionaryOutlivesTheCallersBatch() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(java.nio.channels.Channels.newChannel(out), NESTED,
                allocator)) {
            List<MemoryBlock> first = new ArrayList<>();
            try (BufferAllocator a = BufferAllocator.leakChecking()) {
                ArrayData inner = TestArrays.utf8(a, first, "p", "q");
                ArrayData outerValues = new ArrayData(OUTER.valueType(), 2, 0, 0, new java.lang.foreign.MemorySegment[] {null},
                        List.of(TestArrays.dictionary(INNER, inner, a, first, 0, 1)), null);
                writer.write(RecordBatch.of(NESTED, Array.of(TestArrays.dictionary(OUTER, outerValues, a, first, 1, 0)),
                        Array.of(TestArrays.dictionary(INNER, inner, a, first, 0, 1))));
                first.forEach(MemoryBlock::release); // the caller is done with its batch
            }
            ArrayData inner = TestArrays.utf8(allocator, blocks, "p", "q", "r");
            writer.write(nestedBatch(outerValues(inner, 0, 1, 2), inner, new Integer[] {2, 0}, 2, 2));
        }
        try (Golden.Content back = RoundTrip.readStream(out.toByteArray(), allocator)) {
            assertThat(values(back.batches().get(0), 0)).containsExactly(java.util.Map.of("i", "q"), java.util.Map.of("i", "p"));
            assertThat(values(back.batches().get(1), 0)).containsExactly(java.util.Map.of("i", "r"), java.util.Map.of("i", "p"));
            assertThat(values(back.batches().get(1), 1)).containsExactly("r", "r");
        }
    }

    /**
     * An outer dictionary whose values (decoded) extend the ones sent, but whose nested dictionary
     * was replaced, was sent as a delta: the reader joins the old values, indices into the old
     * nested dictionary, to the new nested dictionary, and they decode to other values.
     */
    @Test
    void anOuterDictionaryIsNotADeltaWhenItsNestedDictionaryWasReplaced() throws IOException {
        ArrayData inner1 = TestArrays.utf8(allocator, blocks, "p", "q");
        ArrayData inner2 = TestArrays.utf8(allocator, blocks, "q", "p");
        List<RecordBatch> batches = List.of(
                nestedBatch(outerValues(inner1, 0), inner1, new Integer[] {0}, 1),
                // decoded, outer values [p, q] extend [p]; but inner2 replaces inner1
                nestedBatch(outerValues(inner2, 1, 0), inner2, new Integer[] {0, 1}, 0, 1));
        byte[] stream = RoundTrip.writeStream(NESTED, batches, allocator, IpcWriteOptions.DEFAULT);
        try (Golden.Content back = RoundTrip.readStream(stream, allocator)) {
            assertEqual(batches, back, "stream");
            assertThat(values(back.batches().get(1), 0)).containsExactly(java.util.Map.of("i", "p"), java.util.Map.of("i", "q"));
        }
    }

    /**
     * Seed 619: the writer compared dictionaries through getObject, whose map of a struct keeps one
     * value per field name: with a repeated name, changed values were taken for unchanged ones and
     * a delta (or nothing) was sent where a replacement was needed.
     */
    @Test
    void dictionariesOfStructsWithARepeatedFieldNameCompareEveryField() throws IOException {
        DataType values = DataType.struct(Field.nullable("a", DataType.INT32), Field.nullable("a", DataType.INT32));
        DataType.Dictionary type = DataType.dictionary(DataType.INT32, values);
        Schema schema = Schema.of(Field.nullable("d", type).withDictionaryId(0));
        ArrayData first = array(values, List.of(1, 2)).data();
        ArrayData sameLastField = array(values, List.of(9, 2)).data();
        ArrayData extendedLooking = array(values, List.of(7, 2), List.of(5, 5)).data();
        List<RecordBatch> batches = List.of(
                RecordBatch.of(schema, Array.of(TestArrays.dictionary(type, first, allocator, blocks, 0))),
                RecordBatch.of(schema, Array.of(TestArrays.dictionary(type, sameLastField, allocator, blocks, 0))),
                RecordBatch.of(schema, Array.of(TestArrays.dictionary(type, extendedLooking, allocator, blocks, 0, 1))));
        byte[] stream = RoundTrip.writeStream(schema, batches, allocator, IpcWriteOptions.DEFAULT);
        try (Golden.Content back = RoundTrip.readStream(stream, allocator)) {
            assertEqual(batches, back, "stream");
            dev.lightstream.array.StructArray third = (dev.lightstream.array.StructArray)
                    ((dev.lightstream.array.DictionaryArray) back.batches().get(2).column(0)).dictionary();
            assertThat(((dev.lightstream.array.Int32Array) third.field(0)).get(0)).isEqualTo(7);
        }
    }
}
