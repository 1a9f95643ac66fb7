package dev.lightstream.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.UnionMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Builders of lists, list views, fixed-size lists, maps, structs and unions. */
class NestedBuildersTest extends AllocatorFixture {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void lists(boolean large) {
        DataType type = large ? DataType.largeList(DataType.INT32) : DataType.list(DataType.INT32);
        ListArray.Builder builder = ListArray.builder(allocator, type);
        Int32Array.Builder ints = builder.values().as(Int32Array.Builder.class);
        builder.startList();
        ints.append(1).append(2);
        builder.endList().appendNull().startList().endList();
        builder.appendObject(Arrays.asList(3, null, 5));
        ListArray array = builder.build(owner);
        assertThat(array.isLarge()).isEqualTo(large);
        assertThat(objects(array)).containsExactly(List.of(1, 2), null, List.of(), Arrays.asList(3, null, 5));
        assertThat(array.valueStart(3)).isEqualTo(2);
        assertThat(array.valueLength(1)).isZero();
        assertThat(array.values().length()).isEqualTo(5);
        ListArray slice = (ListArray) array.slice(1, 3);
        assertThat(objects(slice)).containsExactly(null, List.of(), Arrays.asList(3, null, 5));
        assertThat(((Int32Array) slice.value(2)).get(2)).isEqualTo(5);
    }

    @Test
    void listMisuseIsRefused() {
        ListArray.Builder builder = ListArray.builder(allocator, DataType.list(DataType.UTF8));
        assertThatThrownBy(builder::endList).isInstanceOf(IllegalStateException.class);
        builder.startList();
        assertThatThrownBy(builder::startList).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::appendNull).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("open");
        builder.endList();
        builder.values().appendObject("stray");
        assertThatThrownBy(builder::startList).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a list");
        assertThatThrownBy(() -> builder.appendObject("not a list")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListArray.builder(allocator, DataType.INT8)).isInstanceOf(IllegalArgumentException.class);
        builder.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void listViewsShareElementsAndComeInAnyOrder(boolean large) {
        DataType type = large ? DataType.largeListView(DataType.INT64) : DataType.listView(DataType.INT64);
        ListViewArray.Builder builder = ListViewArray.builder(allocator, type);
        builder.startList();
        builder.values().as(Int64Array.Builder.class).append(5).append(6).append(7);
        builder.endList();
        builder.appendView(1, 2).appendNull().appendView(0, 1).appendObject(List.of(8L));
        ListViewArray array = builder.build(owner);
        assertThat(array.isLarge()).isEqualTo(large);
        assertThat(objects(array)).containsExactly(List.of(5L, 6L, 7L), List.of(6L, 7L), null, List.of(5L), List.of(8L));
        assertThat(array.valueStart(1)).isEqualTo(1);
        assertThat(array.valueLength(1)).isEqualTo(2);
        assertThat(objects(array.slice(3, 2))).containsExactly(List.of(5L), List.of(8L));
        ListViewArray.Builder other = ListViewArray.builder(allocator, type);
        assertThatThrownBy(() -> other.appendView(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        other.close();
    }

    @Test
    void fixedSizeLists() {
        FixedSizeListArray.Builder builder = FixedSizeListArray.builder(allocator,
                new DataType.FixedSizeList(Field.of("xy", DataType.FLOAT64), 2));
        builder.startList();
        builder.values().as(Float64Array.Builder.class).append(1.0).append(2.0);
        builder.endList().appendNull().appendObject(List.of(3.0, 4.0));
        FixedSizeListArray array = builder.build(owner);
        assertThat(array.listSize()).isEqualTo(2);
        assertThat(objects(array)).containsExactly(List.of(1.0, 2.0), null, List.of(3.0, 4.0));
        assertThat(array.values().length()).as("a null slot takes listSize placeholders").isEqualTo(6);
        assertThat(array.values().nullCount()).as("the element field is not nullable").isZero();
        assertThat(objects(array.slice(1, 2))).containsExactly(null, List.of(3.0, 4.0));
        FixedSizeListArray.Builder wrong = FixedSizeListArray.builder(allocator, DataType.fixedSizeList(DataType.INT8, 3));
        wrong.startList();
        wrong.values().appendObject(1);
        assertThatThrownBy(wrong::endList).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 elements");
        assertThatThrownBy(() -> wrong.appendObject(List.of(1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 elements");
        wrong.close();
        FixedSizeListArray nullable = FixedSizeListArray.builder(allocator, DataType.fixedSizeList(DataType.INT8, 2))
                .appendNull().build(owner);
        assertThat(nullable.values().nullCount()).as("nullable elements get nulls").isEqualTo(2);
    }

    @Test
    void maps() {
        MapArray.Builder builder = MapArray.builder(allocator, DataType.map(DataType.UTF8, DataType.INT32, false));
        builder.startMap();
        builder.keys().appendObject("a");
        builder.items().appendObject(1);
        builder.keys().appendObject("a");
        builder.items().appendNull();
        builder.endMap().appendNull();
        Map<String, Integer> ordered = new LinkedHashMap<>();
        ordered.put("x", 7);
        ordered.put("y", 8);
        builder.append(ordered).appendObject(List.of(Map.of("z", 9))).appendObject(List.of());
        MapArray array = builder.build(owner);
        Map<Object, Object> aNull = new LinkedHashMap<>();
        aNull.put("a", null);
        assertThat(objects(array)).containsExactly(List.of(Map.of("a", 1), aNull), null,
                List.of(Map.of("x", 7), Map.of("y", 8)), List.of(Map.of("z", 9)), List.of());
        assertThat(array.valueLength(0)).isEqualTo(2);
        assertThat(array.keys().length()).isEqualTo(5);
        assertThat(objects(array.slice(2, 2))).containsExactly(List.of(Map.of("x", 7), Map.of("y", 8)),
                List.of(Map.of("z", 9)));
        MapArray.Builder bad = MapArray.builder(allocator, DataType.map(DataType.UTF8, DataType.INT32, false));
        bad.startMap();
        bad.keys().appendObject("k");
        assertThatThrownBy(bad::endMap).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 keys but 0");
        bad.items().appendObject(1);
        bad.endMap();
        bad.startMap();
        bad.keys().appendNull();
        bad.items().appendObject(2);
        assertThatThrownBy(bad::endMap).isInstanceOf(IllegalStateException.class).hasMessageContaining("null");
        bad.close();
    }

    @Test
    void structs() {
        DataType type = DataType.struct(Field.of("x", DataType.FLOAT64), Field.nullable("name", DataType.UTF8));
        StructArray.Builder builder = StructArray.builder(allocator, type);
        builder.startStruct();
        builder.field("x").as(Float64Array.Builder.class).append(1.5);
        builder.field(1).appendObject("one");
        builder.endStruct().appendNull();
        builder.appendObject(Map.of("x", 2.5)).appendObject(Arrays.asList(3.5, "three"));
        StructArray array = builder.build(owner);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("x", 2.5);
        second.put("name", null);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("x", 1.5);
        first.put("name", "one");
        Map<String, Object> third = new LinkedHashMap<>();
        third.put("x", 3.5);
        third.put("name", "three");
        assertThat(objects(array)).containsExactly(first, null, second, third);
        assertThat(array.field(0).nullCount()).as("a placeholder under the null slot of a non-nullable field").isZero();
        assertThat(array.field(1).isNull(1)).isTrue();
        StructArray slice = (StructArray) array.slice(1, 2);
        assertThat(slice.field(0).length()).isEqualTo(2);
        assertThat(((Float64Array) slice.field(0)).get(1)).isEqualTo(2.5);
        StructArray.Builder bad = StructArray.builder(allocator, type);
        assertThatThrownBy(() -> bad.appendObject(Map.of("nope", 1))).isInstanceOf(IllegalArgumentException.class);
        bad.startStruct();
        bad.field(0).appendObject(1.0);
        assertThatThrownBy(bad::endStruct).isInstanceOf(IllegalStateException.class).hasMessageContaining("'name' got 0");
        bad.close();
        StructArray empty = StructArray.builder(allocator, DataType.struct()).appendNull().startStruct().endStruct()
                .build(owner);
        assertThat(empty.length()).isEqualTo(2);
        assertThat(empty.isNull(0)).isTrue();
        assertThat(empty.getObject(1)).isEqualTo(Map.of());
    }

    @ParameterizedTest
    @EnumSource(UnionMode.class)
    void unions(UnionMode mode) {
        Field[] fields = {Field.nullable("i", DataType.INT32), Field.of("s", DataType.UTF8)};
        DataType.Union type = new DataType.Union(mode, List.of(fields), List.of(5, 2));
        UnionArray.Builder builder = UnionArray.builder(allocator, type);
        builder.startUnion(5);
        builder.child(0).as(Int32Array.Builder.class).append(42);
        builder.endUnion();
        builder.append(2, "text").appendNull().appendObject("more").appendObject(7);
        UnionArray array = builder.build(owner);
        assertThat(array.mode()).isEqualTo(mode);
        assertThat(objects(array)).containsExactly(42, "text", null, "more", 7);
        assertThat(array.typeId(1)).isEqualTo((byte) 2);
        assertThat(array.typeId(2)).as("a null goes to the first nullable child").isEqualTo((byte) 5);
        assertThat(array.childIndex(3)).isEqualTo(1);
        if (mode == UnionMode.SPARSE) {
            assertThat(array.child(0).length()).isEqualTo(5);
            assertThat(array.child(1).length()).isEqualTo(5);
            assertThat(array.child(1).nullCount()).as("non-nullable child: placeholders").isZero();
            assertThat(array.valueOffset(3)).isEqualTo(3);
        } else {
            assertThat(array.child(0).length()).isEqualTo(3);
            assertThat(array.child(1).length()).isEqualTo(2);
            assertThat(array.valueOffset(3)).isEqualTo(1);
        }
        assertThat(objects(array.slice(2, 3))).containsExactly(null, "more", 7);
        UnionArray.Builder bad = UnionArray.builder(allocator, type);
        assertThatThrownBy(() -> bad.startUnion(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typeId=0");
        assertThatThrownBy(() -> bad.appendObject(1.5)).isInstanceOf(IllegalArgumentException.class);
        bad.startUnion(2);
        assertThatThrownBy(bad::endUnion).isInstanceOf(IllegalStateException.class).hasMessageContaining("0 values");
        bad.close();
    }

    @Test
    void nestedBuildersReleaseEverythingOnClose() {
        DataType type = DataType.list(DataType.struct(Field.nullable("a", DataType.UTF8),
                Field.nullable("m", DataType.map(DataType.INT32, DataType.list(DataType.BINARY_VIEW), true))));
        ArrayBuilder builder = ArrayBuilder.of(allocator, type);
        builder.appendObject(List.of(Map.of("a", "x", "m", List.of(Map.of(1, List.of(new byte[30]))))));
        builder.appendNull();
        builder.close();
        assertThat(allocator.allocatedBytes()).isZero();
    }
}
