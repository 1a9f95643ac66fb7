package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DuckDB reads the files we write, for every codec and every type DuckDB holds, and finds our
 * values: each column is selected through JDBC and compared value by value.
 */
@Timeout(120)
class DuckDbReadsOurParquetTest {
    private static final int ROWS = 700;

    @TempDir
    Path dir;

    /** Every type DuckDB can read back (not decimal256 over 38 digits, intervals, float16 before DuckDB 1.1). */
    static Schema duckTypes() {
        DataType[] types = {DataType.BOOL, DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64,
            DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.UINT64, DataType.FLOAT32, DataType.FLOAT64,
            DataType.FLOAT16, DataType.decimal(4, 1, 32), DataType.decimal(9, 2), DataType.decimal(18, 6, 64),
            DataType.decimal(38, 8), DataType.decimal(25, 0), DataType.DATE32, DataType.DATE64,
            DataType.time(TimeUnit.SECOND), DataType.time(TimeUnit.MILLISECOND), DataType.time(TimeUnit.MICROSECOND),
            DataType.time(TimeUnit.NANOSECOND), DataType.timestamp(TimeUnit.SECOND, null),
            DataType.timestamp(TimeUnit.MILLISECOND, null), DataType.timestamp(TimeUnit.MICROSECOND, null),
            DataType.timestamp(TimeUnit.MICROSECOND, "UTC"), DataType.timestamp(TimeUnit.NANOSECOND, null),
            DataType.timestamp(TimeUnit.NANOSECOND, "Asia/Tokyo"), DataType.duration(TimeUnit.MILLISECOND),
            DataType.UTF8, DataType.LARGE_UTF8, DataType.UTF8_VIEW, DataType.BINARY, DataType.LARGE_BINARY,
            DataType.BINARY_VIEW, DataType.fixedSizeBinary(7),
            DataType.extension("arrow.uuid", DataType.fixedSizeBinary(16), ""),
            DataType.dictionary(DataType.INT8, DataType.UTF8)};
        List<Field> fields = new ArrayList<>();
        fields.add(Field.of("id", DataType.INT32));
        for (int i = 0; i < types.length; i++) {
            fields.add(new Field("c" + i, types[i], i % 4 != 1, java.util.Map.of(), Field.NO_DICTIONARY_ID));
        }
        fields.add(Field.nullable("ints", DataType.list(DataType.INT32)));
        fields.add(Field.nullable("words", DataType.largeList(DataType.UTF8)));
        fields.add(Field.of("triple", DataType.fixedSizeList(DataType.FLOAT64, 3)));
        fields.add(Field.nullable("point", DataType.struct(Field.nullable("x", DataType.INT64),
                Field.of("label", DataType.UTF8), Field.nullable("tags", DataType.list(DataType.BOOL)))));
        fields.add(Field.nullable("scores", DataType.map(DataType.UTF8, DataType.FLOAT64, false)));
        fields.add(Field.nullable("nested", DataType.list(DataType.struct(Field.nullable("k", DataType.INT16),
                Field.nullable("v", DataType.list(DataType.decimal(12, 3)))))));
        return Schema.of(fields);
    }

    @ParameterizedTest
    @EnumSource(ParquetCompression.class)
    void duckDbFindsOurValues(ParquetCompression compression) throws Exception {
        Schema schema = duckTypes();
        Path file = dir.resolve("ours-" + compression + ".parquet");
        List<List<Object>> expected = new ArrayList<>();
        long seed = compression.ordinal() + 100;
        SaneValues values = new SaneValues(new SplittableRandom(seed));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema);
                ParquetWriter writer = ParquetWriter.open(file, schema, ParquetWriteOptions.defaults()
                        .withCompression(compression).withRowGroupRows(300))) {
            for (int batchIndex = 0; batchIndex < 2; batchIndex++) {
                for (int r = 0; r < ROWS / 2; r++) {
                    Object[] row = new Object[schema.size()];
                    row[0] = batchIndex * (ROWS / 2) + r;
                    for (int c = 1; c < row.length; c++) {
                        row[c] = values.value(schema.field(c));
                    }
                    builder.appendRow(row);
                }
                try (RecordBatch batch = builder.build()) {
                    writer.write(batch);
                    expected.addAll(ReadBack.expectedRows(batch));
                }
            }
        }
        List<Field> readBack = ReadBack.schema(schema).fields();
        List<String> select = new ArrayList<>();
        for (Field f : readBack) {
            select.add(f.type() instanceof DataType.Interval ? DuckDb.intervalParts(f.name()) : f.name());
        }
        try (Connection duck = DuckDb.connect()) {
            List<List<Object>> actual = DuckDb.rows(duck, "SELECT " + String.join(", ", select)
                    + " FROM read_parquet('" + file + "') ORDER BY id", readBack);
            assertThat(actual).hasSize(ROWS);
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < readBack.size(); c++) {
                    assertThat(actual.get(r).get(c)).as("%s row %d column %s (%s), seed %d", compression, r,
                            readBack.get(c).name(), schema.field(c).type(), seed).isEqualTo(expected.get(r).get(c));
                }
            }
        }
    }
}
