package dev.lightstream.array;

import static dev.lightstream.array.Forge.INT;
import static dev.lightstream.array.Forge.LONG;
import static dev.lightstream.array.Forge.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.fixtures.RandomData;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A valid array of every type passes; each check refuses a forgery and names the field. */
class ArrayValidatorTest extends AllocatorFixture {
    private static final ArrayValidator VALIDATOR = ArrayValidator.defaults();

    private void assertInvalid(ArrayData data, String path, String problem) {
        assertThatThrownBy(() -> VALIDATOR.validate("col", data))
                .isInstanceOf(InvalidArrayException.class)
                .hasMessageStartingWith("field '" + path + "': ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((InvalidArrayException) e).path()).isEqualTo(path));
    }

    private ArrayData build(DataType type, Object... values) {
        return ArrayBuilder.fromList(allocator, type, List.of(values), owner).data();
    }

    private ArrayData buildWithNulls(DataType type, Object... values) {
        return ArrayBuilder.fromList(allocator, type, java.util.Arrays.asList(values), owner).data();
    }

    @Test
    void randomArraysOfEveryTypePass() throws InvalidArrayException {
        Set<Class<?>> seen = new HashSet<>();
        ArrayValidator strict = VALIDATOR.withUtf8Check(true);
        for (long seed = 0; seed < 400; seed++) {
            RandomData random = new RandomData(seed);
            Schema schema = random.schema(4, 3);
            try (RecordBatch batch = random.batch(allocator, schema, 30)) {
                strict.validate(batch);
                for (Field field : schema.fields()) {
                    collectTypes(field.type(), seen);
                }
            }
        }
        assertThat(seen).containsAll(List.of(DataType.class.getPermittedSubclasses()));
    }

    static void collectTypes(DataType type, Set<Class<?>> seen) {
        seen.add(type.getClass());
        if (type instanceof DataType.Dictionary d) {
            collectTypes(d.valueType(), seen);
        }
        if (type instanceof DataType.Extension e) {
            collectTypes(e.storage(), seen);
        }
        for (Field child : type.children()) {
            collectTypes(child.type(), seen);
        }
    }

    @Test
    void bitmapsAndNullCounts() {
        ArrayData ints = buildWithNulls(DataType.INT32, 1, null, 3);
        assertThatCode(() -> VALIDATOR.validate(ints)).doesNotThrowAnyException();
        assertInvalid(Forge.withBuffer(ints, 0, MemorySegment.ofArray(new byte[0])), "col", "validity bitmap (buffer 0) has 0 bytes, needs 1");
        assertInvalid(Forge.withNullCount(ints, 2), "col", "nullCount=2 but the validity bitmap has 1 nulls");
        ArrayData noNulls = build(DataType.INT32, 1, 2);
        assertInvalid(Forge.withNullCount(noNulls, 1), "col", "nullCount=1 without a validity bitmap");
        assertInvalid(Forge.withWindow(ints, 600, 1), "col", "validity bitmap (buffer 0) has 64 bytes, needs 76");
    }

    @Test
    void fixedWidthBuffers() {
        ArrayData ints = build(DataType.INT64, 1L, 2L);
        assertInvalid(Forge.withBuffer(ints, 1, Forge.copy(ints.buffer(1), 15)), "col",
                "values buffer (buffer 1) has 15 bytes, needs 16 for offset=0 length=2");
        assertInvalid(Forge.withWindow(ints, 8, 1), "col", "needs 72");
        ArrayData bools = build(DataType.BOOL, true);
        assertInvalid(Forge.withWindow(bools, 600, 1), "col", "values bitmap");
        ArrayData decimals = build(DataType.decimal(40, 0, 256), java.math.BigDecimal.ONE);
        assertInvalid(Forge.withBuffer(decimals, 1, Forge.copy(decimals.buffer(1), 31)), "col", "needs 32");
        ArrayData fixed = build(DataType.fixedSizeBinary(5), new byte[5], new byte[5]);
        assertInvalid(Forge.withBuffer(fixed, 1, Forge.copy(fixed.buffer(1), 9)), "col", "needs 10");
        ArrayData intervals = build(DataType.interval(dev.lightstream.schema.IntervalUnit.MONTH_DAY_NANO),
                Map.of("months", 1));
        assertInvalid(Forge.withBuffer(intervals, 1, Forge.copy(intervals.buffer(1), 8)), "col", "needs 16");
    }

    @Test
    void binaryOffsets() {
        for (DataType type : List.of(DataType.UTF8, DataType.BINARY)) {
            ArrayData strings = build(type, "ab", "cde");
            int width = 4;
            assertInvalid(Forge.withBuffer(strings, 1, Forge.copy(strings.buffer(1), 11)), "col",
                    "offsets buffer (buffer 1) has 11 bytes, needs 12");
            assertInvalid(Forge.editBuffer(strings, 1, s -> s.set(INT, width, 6)), "col", "offsets decrease at slot 2: 6 then 5");
            assertInvalid(Forge.editBuffer(strings, 1, s -> s.set(INT, 0, -1)), "col", "offset at slot 0 is negative: -1");
            assertInvalid(Forge.editBuffer(strings, 1, s -> s.set(INT, 2 * width, 65)), "col",
                    "last offset 65 is past the end of the data buffer (buffer 2) (64)");
        }
        ArrayData large = build(DataType.LARGE_UTF8, "ab");
        assertInvalid(Forge.editBuffer(large, 1, s -> s.set(LONG, 8, Long.MIN_VALUE)), "col", "offsets decrease");
        assertInvalid(Forge.editBuffer(large, 1, s -> s.set(LONG, 8, Long.MAX_VALUE)), "col", "past the end");
        // An empty array reads no offsets, so needs none.
        ArrayData empty = build(DataType.UTF8);
        assertThatCode(() -> VALIDATOR.validate(Forge.withBuffer(empty, 1, MemorySegment.ofArray(new byte[0]))))
                .doesNotThrowAnyException();
    }

    @Test
    void utf8IsCheckedOnlyWhenAsked() throws InvalidArrayException {
        ArrayData strings = build(DataType.UTF8, "ok", "é");
        ArrayData broken = Forge.editBuffer(strings, 2, s -> s.set(ValueLayout.JAVA_BYTE, 3, (byte) 0xFF));
        VALIDATOR.validate(broken);
        assertThatThrownBy(() -> VALIDATOR.withUtf8Check(true).validate("col", broken))
                .isInstanceOf(InvalidArrayException.class).hasMessageContaining("slot 1 is not valid UTF-8 at byte 0");
        for (int[] bad : new int[][] {{0xC0, 0x80}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xE2, 0x82}, {0x80}}) {
            byte[] bytes = new byte[bad.length];
            for (int i = 0; i < bad.length; i++) {
                bytes[i] = (byte) bad[i];
            }
            ArrayData data = build(DataType.UTF8_VIEW, new String(new char[bad.length]));
            ArrayData forged = Forge.editBuffer(data, 1, s -> MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 4, bytes.length));
            assertThatThrownBy(() -> VALIDATOR.withUtf8Check(true).validate("col", forged))
                    .as("%s", java.util.HexFormat.of().formatHex(bytes)).isInstanceOf(InvalidArrayException.class);
        }
        VALIDATOR.withUtf8Check(true).validate(build(DataType.UTF8_VIEW, "ok \u0000 é € 😀 \uDBFF\uDFFF", "x".repeat(40) + "ß"));
    }

    @Test
    void views() {
        ArrayData views = ArrayBuilder.fromList(allocator, DataType.BINARY_VIEW, List.of(new byte[3], "long value of 20 bytes".getBytes()), owner).data();
        assertInvalid(Forge.withBuffer(views, 1, Forge.copy(views.buffer(1), 31)), "col", "views buffer (buffer 1) has 31 bytes, needs 32");
        assertInvalid(Forge.editBuffer(views, 1, s -> s.set(INT, 0, -5)), "col", "view of slot 0 has a negative length: -5");
        assertInvalid(Forge.editBuffer(views, 1, s -> s.set(INT, 16 + 8, 1)), "col", "points at data buffer 1, but there are 1");
        assertInvalid(Forge.editBuffer(views, 1, s -> s.set(INT, 16 + 8, -1)), "col", "points at data buffer -1");
        assertInvalid(Forge.editBuffer(views, 1, s -> s.set(INT, 16 + 12, 50)), "col", "(offset=50 length=22) is outside data buffer 0 of 64 bytes");
        assertInvalid(Forge.editBuffer(views, 1, s -> s.set(INT, 16 + 12, -1)), "col", "outside data buffer 0");
        assertInvalid(Forge.editBuffer(views, 1, s -> s.set(INT, 16, 1000)), "col", "outside data buffer 0");
        assertInvalid(Forge.editBuffer(views, 1, s -> s.set(ValueLayout.JAVA_BYTE, 16 + 4, (byte) 'X')), "col", "prefix");
        // A null slot's view is not read.
        ArrayData withNull = buildWithNulls(DataType.UTF8_VIEW, "a", null);
        assertThatCode(() -> VALIDATOR.validate(Forge.editBuffer(withNull, 1, s -> s.set(INT, 16, -1)))).doesNotThrowAnyException();
    }

    @Test
    void listsAndMaps() {
        ArrayData lists = build(DataType.list(DataType.INT8), List.of(1, 2), List.of(3));
        assertInvalid(Forge.editBuffer(lists, 1, s -> s.set(INT, 8, 4)), "col", "last offset 4 is past the end of the child col.item (3)");
        assertInvalid(Forge.editBuffer(lists, 1, s -> {
            s.set(INT, 4, 3);
            s.set(INT, 8, 2);
        }), "col", "offsets decrease at slot 2: 3 then 2");
        assertInvalid(Forge.withChild(lists, 0, build(DataType.INT16, (short) 1, (short) 2, (short) 3)), "col.item",
                "child has type int16, the parent type declares int8");
        ArrayData large = build(DataType.largeList(DataType.INT8), List.of(1));
        assertInvalid(Forge.editBuffer(large, 1, s -> s.set(LONG, 8, 1L << 40)), "col", "past the end");
        ArrayData maps = build(DataType.map(DataType.UTF8, DataType.INT32, false), Map.of("a", 1), Map.of("b", 2));
        ArrayData entries = maps.child(0);
        ArrayData nullKeys = Forge.withChild(entries, 0, buildWithNulls(DataType.UTF8, "a", null));
        assertInvalid(Forge.withChild(maps, 0, nullKeys), "col.entries", "map key of entry 1 is null");
        ArrayData nullEntry = new ArrayData(entries.type(), 2, 0, 1, new MemorySegment[] {MemorySegment.ofArray(new byte[] {1})},
                entries.children(), null);
        assertInvalid(Forge.withChild(maps, 0, nullEntry), "col.entries", "map entry 1 is null");
        assertInvalid(Forge.editBuffer(maps, 1, s -> s.set(INT, 8, 3)), "col", "past the end of the child col.entries (2)");
    }

    @Test
    void listViews() {
        for (boolean large : new boolean[] {false, true}) {
            DataType type = large ? DataType.largeListView(DataType.INT8) : DataType.listView(DataType.INT8);
            ArrayData views = build(type, List.of(1, 2), List.of(3));
            int width = large ? 8 : 4;
            java.util.function.BiConsumer<MemorySegment, Long> put = (s, v) -> {
                if (large) {
                    s.set(LONG, width, v);
                } else {
                    s.set(INT, width, (int) (long) v);
                }
            };
            ArrayData past = Forge.editBuffer(views, 1, s -> put.accept(s, 3L));
            assertInvalid(past, "col", "list view of slot 1 (offset=3 size=1) is outside the child of length 3");
            assertInvalid(Forge.editBuffer(views, 2, s -> put.accept(s, -1L)), "col", "size=-1");
            assertInvalid(Forge.editBuffer(views, 1, s -> put.accept(s, Long.MIN_VALUE >> (large ? 0 : 32))), "col", "outside the child");
            assertInvalid(Forge.withBuffer(views, 2, Forge.copy(views.buffer(2), 2L * width - 1)), "col", "sizes buffer (buffer 2)");
        }
    }

    @Test
    void fixedSizeListsStructsAndSparseUnionsNeedLongChildren() {
        ArrayData fixed = build(DataType.fixedSizeList(DataType.INT8, 2), List.of(1, 2), List.of(3, 4));
        assertInvalid(Forge.withChild(fixed, 0, build(DataType.INT8, 1, 2, 3)), "col",
                "child has 3 values, needs 4 for offset=0 length=2 listSize=2");
        DataType structType = DataType.struct(Field.of("a", DataType.INT8), Field.of("b", DataType.UTF8));
        ArrayData struct = build(structType, Map.of("a", 1, "b", "x"), Map.of("a", 2, "b", "y"));
        assertInvalid(Forge.withChild(struct, 1, build(DataType.UTF8, "x")), "col.b", "child has 1 values, the struct needs 2");
        assertInvalid(Forge.withWindow(struct, 1, 2), "col.a", "the struct needs 3");
        DataType.Union union = DataType.sparseUnion(Field.nullable("i", DataType.INT8), Field.nullable("s", DataType.UTF8));
        ArrayData sparse = ArrayBuilder.fromList(allocator, union, List.of(1, "x"), owner).data();
        assertInvalid(Forge.withChild(sparse, 1, build(DataType.UTF8, "x")), "col.s", "the sparse union needs 2");
    }

    @Test
    void unions() {
        DataType.Union sparseType = new DataType.Union(dev.lightstream.schema.UnionMode.SPARSE,
                List.of(Field.nullable("i", DataType.INT8), Field.nullable("s", DataType.UTF8)), List.of(3, 7));
        ArrayData sparse = ArrayBuilder.fromList(allocator, sparseType, List.of(1, "x"), owner).data();
        assertInvalid(Forge.editBuffer(sparse, 0, s -> s.set(ValueLayout.JAVA_BYTE, 1, (byte) 4)), "col",
                "slot 1 has type id 4, not one of [3, 7]");
        assertInvalid(Forge.editBuffer(sparse, 0, s -> s.set(ValueLayout.JAVA_BYTE, 0, (byte) -1)), "col", "type id -1");
        assertInvalid(Forge.withBuffer(sparse, 0, MemorySegment.ofArray(new byte[1])), "col", "type ids buffer (buffer 0) has 1 bytes, needs 2");
        DataType.Union denseType = DataType.denseUnion(Field.nullable("i", DataType.INT8), Field.nullable("s", DataType.UTF8));
        ArrayData dense = ArrayBuilder.fromList(allocator, denseType, List.of(1, "x", 2), owner).data();
        assertInvalid(Forge.editBuffer(dense, 1, s -> s.set(INT, 8, 2)), "col", "slot 2 has offset 2 outside child 0 of length 2");
        assertInvalid(Forge.editBuffer(dense, 1, s -> s.set(INT, 4, -1)), "col", "offset -1");
        assertInvalid(Forge.withBuffer(dense, 1, MemorySegment.ofArray(new byte[11])), "col", "offsets buffer (buffer 1) has 11 bytes");
    }

    @Test
    void dictionaryIndices() {
        for (DataType.Int indexType : List.of(DataType.INT8, DataType.UINT8, DataType.INT16, DataType.UINT16,
                DataType.INT32, DataType.UINT32, DataType.INT64, DataType.UINT64)) {
            ArrayData data = buildWithNulls(DataType.dictionary(indexType, DataType.UTF8), "a", "b", null);
            int width = indexType.byteWidth();
            java.util.function.BiFunction<Integer, Long, ArrayData> withIndex = (slot, index) -> Forge.editBuffer(data, 1, s -> {
                switch (width) {
                    case 1 -> s.set(ValueLayout.JAVA_BYTE, slot, (byte) (long) index);
                    case 2 -> s.set(SHORT, 2L * slot, (short) (long) index);
                    case 4 -> s.set(INT, 4L * slot, (int) (long) index);
                    default -> s.set(LONG, 8L * slot, index);
                }
            });
            assertInvalid(withIndex.apply(1, 2L), "col", "slot 1 has dictionary index 2 outside the dictionary of length 2");
            assertInvalid(withIndex.apply(0, -1L), "col", indexType.signed() ? "dictionary index -1"
                    : "dictionary index " + switch (width) {
                        case 1 -> "255";
                        case 2 -> "65535";
                        case 4 -> "4294967295";
                        default -> "18446744073709551615";
                    });
            assertThatCode(() -> VALIDATOR.validate(withIndex.apply(2, 99L))).as("a null slot may hold any index")
                    .doesNotThrowAnyException();
        }
        ArrayData data = build(DataType.dictionary(DataType.INT8, DataType.UTF8), "a");
        assertInvalid(Forge.withDictionary(data, build(DataType.BINARY, new byte[1])), "col[dictionary]",
                "dictionary has type binary, the dictionary type declares utf8");
        ArrayData badDictionary = Forge.editBuffer(data.dictionary(), 1, s -> s.set(INT, 4, 100));
        assertInvalid(Forge.withDictionary(data, badDictionary), "col[dictionary]", "past the end");
    }

    @Test
    void dictionaryContentsMayBeTakenAsValidatedAlready() throws InvalidArrayException {
        ArrayValidator trusting = VALIDATOR.withDictionaryContents(false);
        assertThat(VALIDATOR.checksDictionaryContents()).isTrue();
        assertThat(trusting.checksDictionaryContents()).isFalse();
        assertThat(trusting.withUtf8Check(true).withMaxDepth(3).checksDictionaryContents()).isFalse();
        ArrayData data = build(DataType.dictionary(DataType.INT8, DataType.UTF8), "a", "b");
        ArrayData badDictionary = Forge.withDictionary(data, Forge.editBuffer(data.dictionary(), 1, s -> s.set(INT, 8, 100)));
        trusting.validate("col", badDictionary); // the dictionary is not read
        assertInvalid(badDictionary, "col[dictionary]", "past the end");
        // The indices and the dictionary's type are still checked.
        ArrayData badIndex = Forge.editBuffer(data, 1, s -> s.set(ValueLayout.JAVA_BYTE, 1, (byte) 2));
        assertThatThrownBy(() -> trusting.validate("col", badIndex)).isInstanceOf(InvalidArrayException.class)
                .hasMessage("field 'col': slot 1 has dictionary index 2 outside the dictionary of length 2");
        assertThatThrownBy(() -> trusting.validate("col", Forge.withDictionary(data, build(DataType.BINARY, new byte[1]))))
                .isInstanceOf(InvalidArrayException.class).hasMessageContaining("dictionary has type binary");
    }

    @Test
    void runEnds() {
        DataType type = DataType.runEndEncoded(DataType.INT32, DataType.UTF8);
        ArrayData data = ArrayBuilder.fromList(allocator, type, List.of("a", "a", "b"), owner).data();
        ArrayData runEnds = data.child(0);
        assertThat(runEnds.length()).isEqualTo(2);
        assertInvalid(Forge.withChild(data, 0, Forge.editBuffer(runEnds, 1, s -> s.set(INT, 0, 0))), "col.run_ends",
                "run end 0 is not positive: 0");
        assertInvalid(Forge.withChild(data, 0, Forge.editBuffer(runEnds, 1, s -> s.set(INT, 4, 2))), "col.run_ends",
                "run ends are not strictly increasing at run 1: 2 then 2");
        assertInvalid(Forge.withChild(data, 0, Forge.editBuffer(runEnds, 1, s -> {
            s.set(INT, 4, 2);
            s.set(INT, 0, 1);
        })),
                "col.run_ends", "last run end 2 is before offset + length = 3");
        assertInvalid(Forge.withWindow(data, 1, 3), "col.run_ends", "before offset + length = 4");
        ArrayData withNull = new ArrayData(DataType.INT32, 2, 0, 1,
                new MemorySegment[] {MemorySegment.ofArray(new byte[] {1}), runEnds.buffer(1)}, List.of(), null);
        assertInvalid(Forge.withChild(data, 0, withNull), "col.run_ends", "run ends have 1 nulls");
        assertInvalid(Forge.withChild(data, 1, build(DataType.UTF8, "a")), "col", "values child has 1 values for 2 runs");
        ArrayData noRuns = Forge.withChild(Forge.withChild(data, 0, build(DataType.INT32)), 1, build(DataType.UTF8));
        assertInvalid(noRuns, "col.run_ends", "no runs for length=3");
        assertInvalid(Forge.withChild(data, 0, build(DataType.INT64, 2L, 3L)), "col.run_ends",
                "child has type int64, the parent type declares int32");
    }

    @Test
    void decimalPrecisionIsNotChecked() throws InvalidArrayException {
        ArrayData decimals = DecimalArray.builder(allocator, DataType.decimal(3, 0, 32)).appendUnscaled(99_999)
                .build(owner).data();
        VALIDATOR.validate(decimals);
        assertThat(((DecimalArray) Array.of(decimals)).getUnscaledLong(0)).isEqualTo(99_999);
    }

    @Test
    void depthIsLimited() throws InvalidArrayException {
        DataType type = DataType.INT8;
        Object value = 1;
        for (int i = 0; i < 10; i++) {
            type = DataType.list(type);
            value = List.of(value);
        }
        ArrayData deep = build(type, value);
        VALIDATOR.validate(deep);
        VALIDATOR.withMaxDepth(10).validate(deep);
        assertThatThrownBy(() -> VALIDATOR.withMaxDepth(9).validate("deep", deep)).isInstanceOf(InvalidArrayException.class)
                .hasMessage("field 'deep.item.item.item.item.item.item.item.item.item.item': nesting depth exceeds maxDepth=9");
        assertThatThrownBy(() -> VALIDATOR.withMaxDepth(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsNameNestedFields() {
        DataType type = DataType.struct(Field.nullable("a", DataType.list(DataType.struct(Field.nullable("b", DataType.UTF8)))));
        ArrayData data = build(type, Map.of("a", List.of(Map.of("b", "x"))));
        ArrayData list = data.child(0);
        ArrayData inner = list.child(0);
        ArrayData strings = inner.child(0);
        ArrayData broken = Forge.withChild(data, 0, Forge.withChild(list, 0,
                Forge.withChild(inner, 0, Forge.editBuffer(strings, 1, s -> s.set(INT, 4, 99)))));
        assertInvalid(broken, "col.a.item.b", "last offset 99");
    }

    @Test
    void recordBatchesAreValidatedByFieldName() {
        Schema schema = Schema.of(Field.of("id", DataType.INT32), Field.of("name", DataType.UTF8));
        ArrayData names = Forge.editBuffer(build(DataType.UTF8, "x"), 1, s -> s.set(INT, 4, 1000));
        RecordBatch batch = RecordBatch.of(schema, Array.of(build(DataType.INT32, 1)), Array.of(names));
        assertThatThrownBy(() -> VALIDATOR.validate(batch)).isInstanceOf(InvalidArrayException.class)
                .hasMessageStartingWith("field 'name': ");
    }
}
