package dev.lightstream.array;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.fixtures.RandomData;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Logical equality: what it ignores, what it catches, and where it says the difference is. */
class ArrayEqualityTest extends AllocatorFixture {
    private static final ArrayEquality EQUALITY = ArrayEquality.defaults();

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /**
     * For random arrays of every type: an array equals itself, a slice equals a fresh copy of the
     * same values, and changing one slot is a difference at exactly that row when (and only when)
     * the value is really different.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomArraysAgainstAValueOracle(long seed) {
        RandomData random = new RandomData(seed);
        Field field = random.field(3);
        int length = 1 + random.random().nextInt(20);
        Array array = random.array(allocator, field, length, owner);
        assertThat(EQUALITY.compare(array, array)).isEmpty();
        if (ArrayBuilderTest.containsUnion(field.type()) || ArrayBuilderTest.hasRepeatedStructNames(field.type())) {
            return; // their getObject values do not determine the array
        }
        List<Object> values = objects(array);
        assertThat(EQUALITY.compare(array, ArrayBuilder.fromList(allocator, field.type(), values, owner)))
                .as("seed %d: a copy", seed).isEmpty();
        int row = random.random().nextInt(length);
        List<Object> changed = new ArrayList<>(values);
        changed.set(row, random.random().nextInt(3) == 0 || !field.nullable() ? random.value(field.type()) : null);
        Array other = ArrayBuilder.fromList(allocator, field.type(), changed, owner);
        boolean same = ValueKey.of(values.get(row)).equals(ValueKey.of(other.getObject(row)));
        Optional<ArrayEquality.Difference> difference = EQUALITY.compare(array, other);
        if (same) {
            assertThat(difference).as("seed %d", seed).isEmpty();
        } else {
            assertThat(difference).as("seed %d: %s changed at %d", seed, field.type(), row).isPresent();
            assertThat(difference.get().row()).isEqualTo(row);
            assertThat(EQUALITY.compare(other, array).get().row()).as("symmetric").isEqualTo(row);
        }
    }

    @Test
    void floatsCompareByBitsExceptNaN() {
        Float64Array a = Float64Array.of(scratch, Double.NaN, 0.0, 1.0);
        Float64Array b = Float64Array.of(scratch, Double.longBitsToDouble(0xFFF8_0000_0000_0042L), 0.0, 1.0);
        Float64Array c = Float64Array.of(scratch, Double.NaN, -0.0, 1.0);
        assertThat(EQUALITY.compare(a, b)).isEmpty();
        assertThat(EQUALITY.compare(a, c)).get().satisfies(d -> {
            assertThat(d.row()).isEqualTo(1);
            assertThat(d.what()).isEqualTo("value");
            assertThat(d.expected()).isEqualTo(0.0);
            assertThat(d.actual()).isEqualTo(-0.0);
        });
        Float32Array f = Float32Array.of(scratch, Float.NaN, Float.intBitsToFloat(0x7F80_0001));
        Float32Array g = Float32Array.of(scratch, Float.intBitsToFloat(0xFFC0_0000), Float.NaN);
        assertThat(EQUALITY.compare(f, g)).isEmpty();
        Float16Array h = Float16Array.builder(allocator).appendBits((short) 0x7E00).appendBits((short) 0x0000).build(owner);
        Float16Array i = Float16Array.builder(allocator).appendBits((short) 0xFD01).appendBits((short) 0x8000).build(owner);
        assertThat(EQUALITY.compare(h, i)).get().satisfies(d -> assertThat(d.row()).isEqualTo(1));
    }

    @Test
    void valuesUnderNullSlotsAreIgnored() {
        Int32Array a = Int32Array.builder(allocator).append(1).appendNull().append(3).build(owner);
        MemorySegment values = MemorySegment.ofArray(new int[] {1, 99, 3});
        ArrayData forged = new ArrayData(a.type(), 3, 0, ArrayData.UNKNOWN_NULL_COUNT,
                new MemorySegment[] {a.data().validity(), values}, List.of(), null);
        Array b = Array.of(forged);
        assertThat(((Int32Array) b).get(1)).isEqualTo(99);
        assertThat(EQUALITY.compare(a, b)).isEmpty();
        Int32Array c = Int32Array.builder(allocator).append(1).append(2).append(3).build(owner);
        assertThat(EQUALITY.compare(a, c)).get().satisfies(d -> {
            assertThat(d.what()).isEqualTo("null");
            assertThat(d.row()).isEqualTo(1);
        });
    }

    @Test
    void layoutDoesNotMatter() {
        // An all-valid bitmap equals no bitmap.
        Int64Array plain = Int64Array.of(scratch, 1, 2);
        byte[] bitmap = {0b11};
        Array withBitmap = Array.of(new ArrayData(DataType.INT64, 2, 0, 0,
                new MemorySegment[] {MemorySegment.ofArray(bitmap), plain.values()}, List.of(), null));
        assertThat(EQUALITY.compare(plain, withBitmap)).isEmpty();
        // A slice equals a fresh array; list elements at other child offsets.
        Array lists = ArrayBuilder.fromObjects(scratch, DataType.list(DataType.UTF8), List.of("x"), List.of("a", "b"), null);
        Array fresh = ArrayBuilder.fromObjects(scratch, DataType.list(DataType.UTF8), List.of("a", "b"), null);
        assertThat(EQUALITY.compare(lists.slice(1, 2), fresh)).isEmpty();
        // Views: one data buffer or many.
        BinaryViewArray oneBuffer = BinaryViewArray.builder(allocator, DataType.UTF8_VIEW).append("a".repeat(20))
                .append("b".repeat(30)).append("c").build(owner);
        BinaryViewArray manyBuffers = BinaryViewArray.builder(allocator, DataType.UTF8_VIEW, 16).append("a".repeat(20))
                .append("b".repeat(30)).append("c").build(owner);
        assertThat(manyBuffers.dataBufferCount()).isEqualTo(2);
        assertThat(EQUALITY.compare(oneBuffer, manyBuffers)).isEmpty();
        // List views in another order, sharing elements.
        ListViewArray.Builder ordered = ListViewArray.builder(allocator, DataType.listView(DataType.INT8));
        ordered.appendObject(List.of(1, 2)).appendObject(List.of(2));
        ListViewArray.Builder shared = ListViewArray.builder(allocator, DataType.listView(DataType.INT8));
        shared.values().appendObject(2);
        shared.values().appendObject(1);
        shared.values().appendObject(2);
        shared.appendView(1, 2).appendView(0, 1);
        assertThat(EQUALITY.compare(ordered.build(owner), shared.build(owner))).isEmpty();
        // Run ends split differently.
        RunEndEncodedArray.Builder merged = RunEndEncodedArray.builder(allocator, DataType.runEndEncoded(DataType.INT32, DataType.UTF8));
        merged.appendRun("a", 3);
        RunEndEncodedArray.Builder split = RunEndEncodedArray.builder(allocator, DataType.runEndEncoded(DataType.INT32, DataType.UTF8));
        split.startRun();
        split.values().appendObject("a");
        split.endRun(1).startRun();
        split.values().appendObject("a");
        split.endRun(2);
        RunEndEncodedArray s = split.build(owner);
        assertThat(s.runEnds().length()).isEqualTo(2);
        assertThat(EQUALITY.compare(merged.build(owner), s)).isEmpty();
    }

    @Test
    void dictionariesCompareDecodedUnlessExact() {
        DataType type = DataType.dictionary(DataType.INT8, DataType.UTF8);
        DictionaryArray.Builder first = DictionaryArray.builder(allocator, type);
        first.addDictionaryValue("unused");
        first.append("a").append("b").appendNull();
        DictionaryArray.Builder second = DictionaryArray.builder(allocator, type);
        second.addDictionaryValue("b");
        second.addDictionaryValue(null);
        second.appendIndex(second.addDictionaryValue("a")).append("b").appendIndex(1);
        DictionaryArray a = first.build(owner);
        DictionaryArray b = second.build(owner);
        assertThat(objects(a)).isEqualTo(objects(b));
        assertThat(EQUALITY.compare(a, b)).isEmpty();
        assertThat(EQUALITY.withExactDictionaries(true).compare(a, b)).get().satisfies(d -> {
            assertThat(d.path()).isEqualTo("[dictionary]");
            assertThat(d.row()).isZero();
            assertThat(d.expected()).isEqualTo("unused");
            assertThat(d.actual()).isEqualTo("b");
        });
        DictionaryArray c = DictionaryArray.builder(allocator, type).append("a").append("c").appendNull().build(owner);
        assertThat(EQUALITY.compare(a, c)).get().satisfies(d -> {
            assertThat(d.row()).isEqualTo(1);
            assertThat(d.expected()).isEqualTo("b");
            assertThat(d.actual()).isEqualTo("c");
        });
        DictionaryArray same = DictionaryArray.builder(allocator, type, a.dictionary()).appendIndex(1).appendIndex(2)
                .appendNull().build(owner);
        assertThat(EQUALITY.withExactDictionaries(true).compare(a, same)).isEmpty();
        DictionaryArray otherIndex = DictionaryArray.builder(allocator, type, a.dictionary()).appendIndex(1).appendIndex(2)
                .appendIndex(0).build(owner);
        assertThat(EQUALITY.withExactDictionaries(true).compare(a, otherIndex)).get()
                .satisfies(d -> assertThat(d.what()).isEqualTo("null index"));
    }

    @Test
    void unionsCompareTypeIdsThenValues() {
        DataType.Union type = DataType.sparseUnion(Field.nullable("a", DataType.INT32), Field.nullable("b", DataType.INT32));
        UnionArray x = UnionArray.builder(allocator, type).append(0, 1).append(1, 2).build(owner);
        UnionArray y = UnionArray.builder(allocator, type).append(0, 1).append(0, 2).build(owner);
        UnionArray z = UnionArray.builder(allocator, type).append(0, 1).append(1, 3).build(owner);
        assertThat(EQUALITY.compare(x, y)).get().satisfies(d -> {
            assertThat(d.what()).isEqualTo("type id");
            assertThat(d.row()).isEqualTo(1);
        });
        assertThat(EQUALITY.compare(x, z)).get().satisfies(d -> {
            assertThat(d.path()).isEqualTo("b");
            assertThat(d.expected()).isEqualTo(2);
        });
        UnionArray dense = UnionArray.builder(allocator, DataType.denseUnion(Field.nullable("a", DataType.INT32),
                Field.nullable("b", DataType.INT32))).append(0, 1).append(1, 2).build(owner);
        assertThat(EQUALITY.compare(x, dense)).get().satisfies(d -> assertThat(d.what()).isEqualTo("type"));
    }

    @Test
    void typeAndLengthDifferences() {
        assertThat(EQUALITY.compare(Int32Array.of(scratch, 1), Int64Array.of(scratch, 1))).get().satisfies(d -> {
            assertThat(d.what()).isEqualTo("type");
            assertThat(d.row()).isEqualTo(-1);
        });
        assertThat(EQUALITY.compare(Int32Array.of(scratch, 1), Int32Array.of(scratch, 1, 2))).get()
                .satisfies(d -> assertThat(d.what()).isEqualTo("length"));
        DataType withId = DataType.struct(Field.of("d", DataType.dictionary(DataType.INT8, DataType.UTF8)).withDictionaryId(3));
        DataType withoutId = DataType.struct(Field.of("d", DataType.dictionary(DataType.INT8, DataType.UTF8)));
        Array a = ArrayBuilder.fromObjects(scratch, withId, Map.of("d", "x"));
        Array b = ArrayBuilder.fromObjects(scratch, withoutId, Map.of("d", "x"));
        assertThat(EQUALITY.compare(a, b)).as("dictionary ids are a writer's choice").isEmpty();
        assertThat(EQUALITY.withDictionaryIds(true).compare(a, b)).isPresent();
    }

    @Test
    void nestedPathsNameTheFields() {
        DataType points = DataType.list(DataType.struct(Field.of("x", DataType.FLOAT64), Field.of("y", DataType.FLOAT64)));
        Array a = ArrayBuilder.fromObjects(scratch, points, List.of(), List.of(Map.of("x", 1.0, "y", 2.0),
                Map.of("x", 1.5, "y", 2.0)));
        Array b = ArrayBuilder.fromObjects(scratch, points, List.of(), List.of(Map.of("x", 1.0, "y", 2.0),
                Map.of("x", 2.5, "y", 2.0)));
        ArrayEquality.Difference d = EQUALITY.compare(a, b).orElseThrow();
        assertThat(d.path()).isEqualTo("[1].x");
        assertThat(d.row()).isEqualTo(1);
        assertThat(d.toString()).isEqualTo("[1].x row 1: expected 1.5, actual 2.5 (value)");
        Array shorter = ArrayBuilder.fromObjects(scratch, points, List.of(), List.of(Map.of("x", 1.0, "y", 2.0)));
        assertThat(EQUALITY.compare(a, shorter).orElseThrow().what()).isEqualTo("list length");
        DataType map = DataType.map(DataType.UTF8, DataType.BINARY, false);
        Array m1 = ArrayBuilder.fromObjects(scratch, map, Map.of("k", new byte[] {1}));
        Array m2 = ArrayBuilder.fromObjects(scratch, map, Map.of("k", new byte[] {2}));
        assertThat(EQUALITY.compare(m1, m2).orElseThrow().toString())
                .isEqualTo("[0].value row 0: expected 0x01, actual 0x02 (value)");
    }

    @Test
    void recordBatches() {
        Schema schema = Schema.of(Field.of("id", DataType.INT32), Field.nullable("p", DataType.struct(
                Field.nullable("name", DataType.UTF8))));
        RecordBatch a = RecordBatch.of(schema, Int32Array.of(scratch, 1, 2),
                ArrayBuilder.fromObjects(scratch, schema.field(1).type(), Map.of("name", "x"), null));
        RecordBatch b = RecordBatch.of(schema, Int32Array.of(scratch, 1, 2),
                ArrayBuilder.fromObjects(scratch, schema.field(1).type(), Map.of("name", "y"), null));
        assertThat(EQUALITY.compare(a, a)).isEmpty();
        assertThat(ArrayEquality.equal(a, b)).isFalse();
        assertThat(EQUALITY.compare(a, b).orElseThrow().path()).isEqualTo("p.name");
        Schema renamed = Schema.of(Field.of("key", DataType.INT32), schema.field(1));
        RecordBatch c = RecordBatch.of(renamed, a.columns());
        assertThat(EQUALITY.compare(a, c).orElseThrow().what()).isEqualTo("field 0");
        RecordBatch d = RecordBatch.of(schema.withMetadata(Map.of("k", "v")), a.columns());
        assertThat(EQUALITY.compare(a, d).orElseThrow().what()).isEqualTo("schema metadata");
        RecordBatch e = a.slice(0, 1);
        assertThat(EQUALITY.compare(a, e).orElseThrow().what()).isEqualTo("row count");
        RecordBatch f = RecordBatch.of(schema, Int32Array.of(scratch, 2), ArrayBuilder.fromObjects(scratch,
                schema.field(1).type(), (Object) null));
        assertThat(EQUALITY.compare(a.slice(1, 1), f)).isEmpty();
    }
}
