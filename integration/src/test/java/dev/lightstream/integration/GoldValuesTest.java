package dev.lightstream.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.BinaryViewArray;
import dev.lightstream.array.DecimalArray;
import dev.lightstream.array.DictionaryArray;
import dev.lightstream.array.FixedSizeListArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.ListArray;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RunEndEncodedArray;
import dev.lightstream.array.StructArray;
import dev.lightstream.array.UnionArray;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Values read from gold files, checked against what the JSON text says (looked up by hand). */
@Timeout(30)
class GoldValuesTest {
    private LeakCheckingAllocator allocator;

    @BeforeEach
    void open() {
        allocator = BufferAllocator.leakChecking();
    }

    @AfterEach
    void close() {
        allocator.close(); // fails if anything read was not freed
    }

    private IntegrationJsonFile read(String folder, String name) throws Exception {
        return IntegrationJsonReader.read(GoldFiles.of(folder, name), allocator);
    }

    @Test
    void primitive() throws Exception {
        try (IntegrationJsonFile json = read("cpp-21.0.0", "primitive")) {
            assertThat(json.batches()).extracting(RecordBatch::rowCount).containsExactly(17, 20);
            RecordBatch batch = json.batches().get(1);
            Int64Array int64 = (Int64Array) batch.column("int64_nullable");
            assertThat(int64.get(0)).isEqualTo(-2147483648L);
            assertThat(int64.isNull(1)).isTrue();
            assertThat(int64.get(2)).isEqualTo(-518015356L);
            Int64Array uint64 = (Int64Array) batch.column("uint64_nonnullable");
            assertThat(uint64.type()).isEqualTo(DataType.UINT64);
            assertThat(uint64.get(2)).isEqualTo(946811562L);
            Float64Array float64 = (Float64Array) batch.column("float64_nonnullable");
            assertThat(float64.get(1)).isEqualTo(-1397.82);
            assertThat(batch.schema().field("int64_nullable").nullable()).isTrue();
            assertThat(batch.schema().field("uint64_nonnullable").nullable()).isFalse();
        }
    }

    @Test
    void nested() throws Exception {
        try (IntegrationJsonFile json = read("cpp-21.0.0", "nested")) {
            RecordBatch batch = json.batches().get(0);
            ListArray list = (ListArray) batch.column("list_nullable");
            assertThat(list.isNull(0)).isTrue();
            assertThat(list.getObject(2)).isEqualTo(Arrays.asList(-2147483648, 2147483647));
            assertThat(list.getObject(6)).isEqualTo(Arrays.asList(null, 479377852));
            FixedSizeListArray fixed = (FixedSizeListArray) batch.column("fixedsizelist_nullable");
            assertThat(fixed.getObject(0)).isEqualTo(Arrays.asList(-2147483648, 2147483647, 1680161220, null));
            assertThat(fixed.isNull(2)).isTrue();
            StructArray struct = (StructArray) batch.column("struct_nullable");
            assertThat(struct.getObject(1)).isEqualTo(Map.of("f1", 2147483647, "f2", "g3o\u00a3\u00f4b4"));
            assertThat(struct.isNull(2)).isTrue();
        }
    }

    @Test
    void denseUnionWithTypeIds() throws Exception {
        try (IntegrationJsonFile json = read("cpp-21.0.0", "union")) {
            UnionArray dense = (UnionArray) json.batches().get(1).column("dense_1");
            assertThat(((DataType.Union) dense.type()).typeIds()).containsExactly(10, 20);
            assertThat(dense.typeId(0)).isEqualTo((byte) 10);
            assertThat(dense.getObject(0)).isEqualTo((short) -32768);
            assertThat(dense.typeId(3)).isEqualTo((byte) 20);
            assertThat(dense.isNull(3)).isTrue(); // f2 at offset 0 is null
            assertThat(dense.isNull(4)).isTrue(); // f1 at offset 3 is null
            assertThat(dense.valueOffset(7)).isEqualTo(4);
            assertThat(dense.getObject(7)).isEqualTo((short) -4367);
        }
    }

    @Test
    void decimal256() throws Exception {
        try (IntegrationJsonFile json = read("cpp-21.0.0", "decimal256")) {
            DecimalArray f0 = (DecimalArray) json.batches().get(0).column("f0");
            assertThat(f0.type()).isEqualTo(DataType.decimal(37, 5, 256));
            assertThat(f0.isNull(0)).isTrue();
            assertThat(f0.getUnscaled(1)).isEqualTo(new BigInteger("-2031123033167196931846941783813867591"));
            assertThat(f0.get(1)).isEqualTo(new BigDecimal("-20311230331671969318469417838138.67591"));
        }
    }

    @Test
    void dictionaryValuesDecodeThroughTheirId() throws Exception {
        try (IntegrationJsonFile json = read("cpp-21.0.0", "dictionary")) {
            DictionaryArray dict0 = (DictionaryArray) json.batches().get(0).column("dict0");
            assertThat(dict0.index(0)).isEqualTo(2);
            assertThat(dict0.getObject(0)).isEqualTo("jhak1rp");
            assertThat(json.dictionaries().get(0L).getObject(2)).isEqualTo("jhak1rp");
        }
    }

    @Test
    void sharedDictionaryId() throws Exception {
        try (IntegrationJsonFile json = read("4.0.0-shareddict", "shared_dict")) {
            assertThat(json.schema().fields()).extracting(Field::dictionaryId).containsExactly(0L, 0L);
            assertThat(json.dictionaries()).containsOnlyKeys(0L);
            RecordBatch batch = json.batches().get(0);
            DictionaryArray col1 = (DictionaryArray) batch.column("col1");
            DictionaryArray col2 = (DictionaryArray) batch.column("col2");
            assertThat(col1.getObject(1)).isEqualTo("bar");
            assertThat(col2.getObject(1)).isEqualTo("baz");
            assertThat(col1.dictionary().data()).isSameAs(col2.dictionary().data());
        }
    }

    @Test
    void runEndEncoded() throws Exception {
        try (IntegrationJsonFile json = read("cpp-21.0.0", "run_end_encoded")) {
            RunEndEncodedArray ree = (RunEndEncodedArray) json.batches().get(1).column("ree16_int32");
            assertThat(ree.length()).isEqualTo(7);
            assertThat(ree.runEnds().length()).isEqualTo(5);
            assertThat(ree.isNull(0)).isTrue();
            assertThat(ree.getObject(1)).isEqualTo(2147483647);
            assertThat(ree.physicalIndex(4)).isEqualTo(3);
            assertThat(ree.getObject(4)).isEqualTo(508899456);
            assertThat(ree.getObject(6)).isEqualTo(-1406995286);
        }
    }

    @Test
    void binaryAndUtf8Views() throws Exception {
        try (IntegrationJsonFile json = read("cpp-21.0.0", "binary_view")) {
            BinaryViewArray bv = (BinaryViewArray) json.batches().get(1).column("bv");
            assertThat(HexFormat.of().withUpperCase().formatHex(bv.getBytes(1))).isEqualTo("145CF92CB00B1D");
            assertThat(bv.isNull(5)).isTrue();
            BinaryViewArray sv = (BinaryViewArray) json.batches().get(2).column("sv");
            assertThat(sv.dataBufferCount()).isEqualTo(2);
            assertThat(sv.valueLength(239)).isEqualTo(14);
            assertThat(sv.getString(239)).isEqualTo("\u77e261\u20ac\u00b0h\u20ac");
        }
    }

    @Test
    void extensionAndCustomMetadata() throws Exception {
        try (IntegrationJsonFile json = read("cpp-21.0.0", "custom_metadata")) {
            assertThat(json.schema().metadata()).containsEntry("schema_custom_0", "{}");
            Field extension = json.schema().field("unregistered_extension");
            assertThat(extension.type()).isEqualTo(new DataType.Extension("!nonexistent", DataType.INT8, ""));
            assertThat(extension.metadata()).containsExactly(Map.entry("ARROW:integration:allow_unregistered_extension", "true"));
            assertThat(json.schema().field("lots_of_meta").metadata()).hasSize(9).containsEntry("..", "{}");
        }
    }
}
