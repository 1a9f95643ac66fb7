package dev.lightstream.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Builders of dictionary-encoded, run-end encoded and extension arrays. */
class EncodedBuildersTest extends AllocatorFixture {

    static Stream<DataType.Int> indexTypes() {
        return Stream.of(DataType.INT8, DataType.UINT8, DataType.INT16, DataType.UINT16, DataType.INT32,
                DataType.UINT32, DataType.INT64, DataType.UINT64);
    }

    @ParameterizedTest
    @MethodSource("indexTypes")
    void dictionariesDedupValuesWithAnyIndexType(DataType.Int indexType) {
        DictionaryArray.Builder builder = DictionaryArray.builder(allocator, DataType.dictionary(indexType, DataType.UTF8));
        builder.append("Oslo").append("Lima").append("Oslo").appendNull().appendObject("Lima");
        DictionaryArray array = builder.build(owner);
        assertThat(array.indices().type()).isEqualTo(indexType);
        assertThat(objects(array.dictionary())).containsExactly("Oslo", "Lima");
        assertThat(objects(array)).containsExactly("Oslo", "Lima", "Oslo", null, "Lima");
        assertThat(array.index(2)).isZero();
        assertThat(array.index(4)).isEqualTo(1);
        assertThat(objects(array.slice(1, 3))).containsExactly("Lima", "Oslo", null);
    }

    @Test
    void unsignedIndicesAddressTheWholeRange() {
        DictionaryArray.Builder builder = DictionaryArray.builder(allocator, DataType.dictionary(DataType.UINT8, DataType.INT32));
        for (int i = 0; i < 256; i++) {
            builder.append(i);
        }
        assertThatThrownBy(() -> builder.append(256)).isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
        DictionaryArray array = builder.build(owner);
        assertThat(array.index(255)).isEqualTo(255);
        assertThat(array.getObject(255)).isEqualTo(255);
        DictionaryArray.Builder signed = DictionaryArray.builder(allocator, DataType.dictionary(DataType.INT8, DataType.INT32));
        for (int i = 0; i < 128; i++) {
            signed.append(i);
        }
        assertThatThrownBy(() -> signed.append(128)).isInstanceOf(IllegalStateException.class);
        signed.close();
    }

    @Test
    void dictionariesOfNestedValuesDedupByValue() {
        DataType values = DataType.struct(Field.nullable("f", DataType.FLOAT64), Field.nullable("b", DataType.BINARY));
        DictionaryArray.Builder builder = DictionaryArray.builder(allocator, DataType.dictionary(DataType.INT16, values));
        builder.append(Map.of("f", Double.NaN, "b", new byte[] {1}));
        builder.append(Map.of("f", Double.longBitsToDouble(0x7FF8_0000_0000_0001L), "b", new byte[] {1}));
        builder.append(Map.of("f", -0.0, "b", new byte[] {1}));
        builder.append(Map.of("f", 0.0, "b", new byte[] {1}));
        builder.append(Map.of("f", 0.0, "b", new byte[] {1}));
        DictionaryArray array = builder.build(owner);
        assertThat(array.dictionary().length()).as("NaNs alike, -0.0 and 0.0 apart").isEqualTo(3);
        assertThat(array.index(1)).isZero();
        assertThat(array.index(4)).isEqualTo(2);
    }

    @Test
    void dictionaryEntriesAndIndicesCanBeAddedDirectly() {
        DictionaryArray.Builder builder = DictionaryArray.builder(allocator, DataType.dictionary(DataType.INT32, DataType.UTF8));
        assertThat(builder.addDictionaryValue("unused")).isZero();
        assertThat(builder.addDictionaryValue(null)).isEqualTo(1);
        assertThat(builder.addDictionaryValue("used")).isEqualTo(2);
        assertThat(builder.addDictionaryValue("unused")).isZero();
        builder.appendIndex(2).appendIndex(1);
        assertThatThrownBy(() -> builder.appendIndex(3)).isInstanceOf(IndexOutOfBoundsException.class);
        DictionaryArray array = builder.build(owner);
        assertThat(objects(array.dictionary())).containsExactly("unused", null, "used");
        assertThat(array.isNull(1)).as("a valid index to a null entry is a null slot").isTrue();
        assertThat(array.indices().isNull(1)).isFalse();
        assertThat(array.getObject(0)).isEqualTo("used");
    }

    @Test
    void aFixedDictionaryIsSharedNotCopied() {
        BinaryArray cities = BinaryArray.ofStrings(scratch, "Oslo", "Lima", "Pune");
        DataType type = DataType.dictionary(DataType.INT8, DataType.UTF8);
        DictionaryArray.Builder builder = DictionaryArray.builder(allocator, type, cities);
        DictionaryArray first = builder.append("Pune").appendIndex(0).build(owner);
        DictionaryArray second = builder.append("Lima").build(owner);
        assertThat(first.dictionary().data()).isSameAs(cities.data());
        assertThat(second.dictionary().data()).isSameAs(cities.data());
        assertThat(objects(first)).containsExactly("Pune", "Oslo");
        assertThatThrownBy(() -> builder.append("Rome")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the fixed dictionary");
        assertThatThrownBy(() -> DictionaryArray.builder(allocator, DataType.dictionary(DataType.INT8, DataType.BINARY), cities))
                .isInstanceOf(IllegalArgumentException.class);
        builder.close();
    }

    @Test
    void runEndEncodingMergesEqualNeighbours() {
        RunEndEncodedArray.Builder builder = RunEndEncodedArray.builder(allocator,
                DataType.runEndEncoded(DataType.INT32, DataType.UTF8));
        builder.appendObject("a").appendObject("a").appendNull().appendNull().appendRun("b", 1000).appendObject("b");
        builder.startRun();
        builder.values().appendObject("b");
        builder.endRun(2);                 // a run of its own: typed runs are not merged
        builder.extendLastRun(3);
        RunEndEncodedArray array = builder.build(owner);
        assertThat(array.length()).isEqualTo(2 + 2 + 1001 + 5);
        assertThat(objects(array.runEnds())).containsExactly(2, 4, 1005, 1010);
        assertThat(objects(array.values())).containsExactly("a", null, "b", "b");
        assertThat(array.getObject(3)).isNull();
        assertThat(array.isNull(3)).isTrue();
        assertThat(array.getObject(1009)).isEqualTo("b");
        RunEndEncodedArray slice = (RunEndEncodedArray) array.slice(1, 4);
        assertThat(objects(slice)).containsExactly("a", null, null, "b");
        assertThat(slice.physicalIndex(3)).isEqualTo(2);
    }

    @Test
    void runEndsOfEveryWidth() {
        for (DataType.Int runEndType : List.of(DataType.INT16, DataType.INT32, DataType.INT64)) {
            RunEndEncodedArray array = RunEndEncodedArray.builder(allocator, DataType.runEndEncoded(runEndType, DataType.INT64))
                    .appendRun(7L, 3).appendRun(8L, 2).build(owner);
            assertThat(array.runEnds().type()).isEqualTo(runEndType);
            assertThat(objects(array)).containsExactly(7L, 7L, 7L, 8L, 8L);
        }
        RunEndEncodedArray.Builder small = RunEndEncodedArray.builder(allocator,
                DataType.runEndEncoded(DataType.INT16, DataType.BOOL));
        small.appendRun(true, Short.MAX_VALUE);
        assertThatThrownBy(() -> small.appendRun(false, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("int16");
        assertThatThrownBy(() -> small.extendLastRun(1)).isInstanceOf(IllegalArgumentException.class);
        small.close();
        RunEndEncodedArray.Builder empty = RunEndEncodedArray.builder(allocator,
                DataType.runEndEncoded(DataType.INT32, DataType.BOOL));
        assertThatThrownBy(() -> empty.extendLastRun(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> empty.appendRun(true, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(empty.build(owner).length()).isZero();
    }

    @Test
    void extensionsBuildTheirStorage() {
        DataType.Extension uuid = DataType.extension("arrow.uuid", DataType.fixedSizeBinary(16), "");
        ExtensionArray.Builder builder = ExtensionArray.builder(allocator, uuid);
        byte[] id = new byte[16];
        id[15] = 1;
        builder.storage().as(FixedSizeBinaryArray.Builder.class).append(id);
        builder.appendNull().appendObject(new byte[16]);
        assertThat(builder.length()).isEqualTo(3);
        assertThat(builder.nullCount()).isEqualTo(1);
        ExtensionArray array = builder.build(owner);
        assertThat(array.type()).isEqualTo(uuid);
        assertThat(array.extensionType().name()).isEqualTo("arrow.uuid");
        assertThat(array.storage()).isInstanceOf(FixedSizeBinaryArray.class);
        assertThat((byte[]) array.getObject(0)).isEqualTo(id);
        assertThat(array.isNull(1)).isTrue();
        assertThat(array.slice(2, 1).getObject(0)).isEqualTo(new byte[16]);
        assertThatThrownBy(() -> ExtensionArray.builder(allocator, DataType.UTF8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extensionOverADictionary() {
        DataType type = DataType.extension("tags", DataType.dictionary(DataType.INT8, DataType.UTF8), "");
        ArrayBuilder builder = ArrayBuilder.of(allocator, type);
        builder.appendObject("a").appendObject("b").appendObject("a").appendNull();
        ExtensionArray array = (ExtensionArray) builder.build(owner);
        assertThat(array.storage()).isInstanceOf(DictionaryArray.class);
        assertThat(((DictionaryArray) array.storage()).dictionary().length()).isEqualTo(2);
        assertThat(objects(array)).isEqualTo(Arrays.asList("a", "b", "a", null));
    }
}
