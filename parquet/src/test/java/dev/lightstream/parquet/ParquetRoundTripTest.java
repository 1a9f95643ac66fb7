package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.RandomData;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random batches of every type Parquet holds, through every codec and both page versions, read back
 * equal under the documented mapping ({@link ReadBack}).
 */
@Timeout(120)
class ParquetRoundTripTest {
    @TempDir
    Path dir;

    /** Every type the writer maps, flat and nested; extremes and nulls come from {@link RandomData}. */
    static Schema allTypes() {
        List<Field> fields = new ArrayList<>();
        DataType[] leaves = {DataType.BOOL, DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64,
            DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.UINT64, DataType.FLOAT16, DataType.FLOAT32,
            DataType.FLOAT64, DataType.decimal(7, 2, 32), DataType.decimal(15, 3, 64), DataType.decimal(9, 0),
            DataType.decimal(18, 4), DataType.decimal(38, 10), DataType.decimal(60, 5, 256), DataType.DATE32,
            DataType.DATE64, DataType.time(TimeUnit.SECOND), DataType.time(TimeUnit.MILLISECOND),
            DataType.time(TimeUnit.MICROSECOND), DataType.time(TimeUnit.NANOSECOND),
            DataType.timestamp(TimeUnit.MILLISECOND, null), DataType.timestamp(TimeUnit.MICROSECOND, "UTC"),
            DataType.timestamp(TimeUnit.NANOSECOND, "Europe/Paris"), DataType.duration(TimeUnit.MICROSECOND),
            DataType.UTF8, DataType.LARGE_UTF8, DataType.UTF8_VIEW, DataType.BINARY, DataType.LARGE_BINARY,
            DataType.BINARY_VIEW, DataType.fixedSizeBinary(5),
            DataType.extension("arrow.uuid", DataType.fixedSizeBinary(16), ""),
            DataType.extension("my.ext", DataType.INT32, "meta"), DataType.dictionary(DataType.INT16, DataType.UTF8),
            DataType.runEndEncoded(DataType.INT32, DataType.FLOAT64), DataType.NULL};
        for (int i = 0; i < leaves.length; i++) {
            fields.add(new Field("c" + i, leaves[i], i % 3 != 0, java.util.Map.of(), Field.NO_DICTIONARY_ID));
        }
        fields.add(Field.nullable("list", DataType.list(DataType.INT32)));
        fields.add(Field.nullable("large_list", DataType.largeList(DataType.UTF8)));
        fields.add(Field.of("fixed_list", DataType.fixedSizeList(DataType.FLOAT32, 3)));
        fields.add(Field.nullable("list_view", DataType.listView(DataType.INT64)));
        fields.add(Field.nullable("struct", DataType.struct(Field.nullable("a", DataType.INT32),
                Field.of("b", DataType.UTF8), Field.nullable("c", DataType.list(DataType.BOOL)))));
        fields.add(Field.nullable("map", DataType.map(DataType.UTF8, DataType.INT64, false)));
        fields.add(Field.nullable("deep", DataType.list(DataType.struct(Field.nullable("x",
                DataType.map(DataType.INT32, DataType.list(DataType.UTF8), true)),
                Field.nullable("y", DataType.largeList(DataType.decimal(20, 2)))))));
        fields.add(Field.of("list_of_lists", DataType.list(DataType.list(DataType.INT8))));
        return Schema.of(fields);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (ParquetCompression compression : ParquetCompression.values()) {
            for (boolean v2 : new boolean[] {false, true}) {
                cases.add(Arguments.of(compression, v2, seed++));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} v2={1} seed={2}")
    @MethodSource("cases")
    void randomBatchesRoundTrip(ParquetCompression compression, boolean v2, long seed) throws IOException {
        RandomData random = new RandomData(seed);
        Schema schema = allTypes();
        Path file = dir.resolve("random.parquet");
        List<List<Object>> expected = new ArrayList<>();
        ParquetWriteOptions options = ParquetWriteOptions.defaults().withCompression(compression).withDataPageV2(v2)
                .withRowGroupRows(97).withPageBytes(4096);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (ParquetWriter writer = ParquetWriter.open(file, schema, options)) {
                for (int b = 0; b < 4; b++) {
                    try (RecordBatch batch = random.batch(allocator, schema, 150)) {
                        writer.write(batch);
                        expected.addAll(ReadBack.expectedRows(batch));
                    }
                }
            }
            ParquetReadOptions parquetTypes = ParquetReadOptions.defaults().withBatchRows(61).withArrowSchema(false);
            try (ParquetReader reader = ParquetReader.open(file, allocator, parquetTypes)) {
                assertThat(reader.schema().fields()).as("seed %d", seed).isEqualTo(ReadBack.schema(schema).fields());
                assertThat(reader.rowCount()).isEqualTo(expected.size());
            }
            // With the ARROW:schema footer key (the default) the exact types come back.
            try (ParquetReader reader = ParquetReader.open(file, allocator, ParquetReadOptions.defaults().withBatchRows(61))) {
                // The IPC schema message gave the dictionary field an id (0) where ours had none.
                assertThat(withoutDictionaryIds(reader.schema())).as("seed %d", seed).isEqualTo(schema.fields());
                int row = 0;
                for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                    try (RecordBatch back = next) {
                        for (List<Object> values : ReadBack.expectedRows(back)) {
                            assertThat(values).as("seed %d row %d", seed, row).isEqualTo(expected.get(row++));
                        }
                    }
                }
                assertThat(row).isEqualTo(expected.size());
            }
            List<List<Object>> actual = ParquetFiles.readRows(file, allocator, parquetTypes);
            assertThat(actual.size()).as("seed %d", seed).isEqualTo(expected.size());
            for (int r = 0; r < expected.size(); r++) {
                assertThat(actual.get(r)).as("seed %d row %d", seed, r).isEqualTo(expected.get(r));
            }
        }
    }

    private static List<Field> withoutDictionaryIds(Schema schema) {
        return schema.fields().stream().map(f -> new Field(f.name(), f.type(), f.nullable(), f.metadata(),
                Field.NO_DICTIONARY_ID)).toList();
    }
}
