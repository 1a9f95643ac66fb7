package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.Float32Array;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bulk writer of top-level primitive columns at sizes that cross its steps (1,024 rows), pages
 * (20,000 rows or {@code pageBytes}) and row groups: low- and high-cardinality values, a dictionary
 * that overflows in the middle of a chunk, unaligned slices, nulls, unsigned extremes, NaN and -0.0.
 * Our reader and DuckDB read back the written values, and DuckDB's view of the row-group
 * statistics is the minimum and maximum of the rows written.
 */
@Timeout(120)
class FlatColumnsTest {
    private static final Schema SCHEMA = Schema.of(
            Field.nullable("i32", DataType.INT32),
            Field.of("u32", DataType.UINT32),
            Field.nullable("i64", DataType.INT64),
            Field.nullable("u64", DataType.UINT64),
            Field.of("f32", DataType.FLOAT32),
            Field.nullable("f64", DataType.FLOAT64),
            Field.nullable("text", DataType.UTF8),
            Field.nullable("blob", DataType.LARGE_BINARY),
            Field.nullable("flag", DataType.BOOL),
            Field.of("flag2", DataType.BOOL));
    private static final int ROWS = 25_000;

    @TempDir
    Path dir;

    private static RecordBatch batch(BufferAllocator allocator, SplittableRandom random, int first) {
        try (RecordBatchBuilder b = new RecordBatchBuilder(allocator, SCHEMA)) {
            for (int r = 0; r < ROWS; r++) {
                int row = first + r;
                boolean nulls = random.nextInt(10) == 0;
                if (nulls) {
                    b.column(0).appendNull();
                } else {
                    b.column(0).as(Int32Array.Builder.class).append(random.nextInt(50) - 25);
                }
                b.column(1).as(Int32Array.Builder.class).append(row % 7 == 0 ? -1 : random.nextInt()); // -1 is 2^32 - 1
                if (row % 13 == 5) {
                    b.column(2).appendNull();
                } else {
                    b.column(2).as(Int64Array.Builder.class).append(row * 1_000_003L - 7);
                }
                if (random.nextInt(4) == 0) {
                    b.column(3).appendNull();
                } else {
                    b.column(3).as(Int64Array.Builder.class).append(row % 3 == 0 ? random.nextLong() | Long.MIN_VALUE
                            : random.nextInt(1000));
                }
                float f = switch (row % 101) {
                    case 0 -> Float.NaN;
                    case 1 -> -0.0f;
                    default -> random.nextInt(2000) / 8f;
                };
                b.column(4).as(Float32Array.Builder.class).append(f);
                if (nulls) {
                    b.column(5).appendNull();
                } else {
                    b.column(5).as(Float64Array.Builder.class).append(random.nextDouble() - 0.5);
                }
                // Few distinct strings at first, then long unique ones: a dictionary that overflows mid-chunk.
                if (row % 17 == 3) {
                    b.column(6).appendNull();
                } else if (row < 40_000) {
                    b.column(6).as(BinaryArray.Builder.class).append("name-" + random.nextInt(100));
                } else {
                    b.column(6).as(BinaryArray.Builder.class).append("unique-" + row + "-" + "x".repeat(row % 40));
                }
                if (row % 5 == 0) {
                    b.column(7).appendNull();
                } else {
                    byte[] bytes = new byte[random.nextInt(6)];
                    random.nextBytes(bytes);
                    b.column(7).as(BinaryArray.Builder.class).append(bytes);
                }
                if (nulls) {
                    b.column(8).appendNull();
                } else {
                    b.column(8).as(BooleanArray.Builder.class).append(random.nextBoolean());
                }
                b.column(9).as(BooleanArray.Builder.class).append(row % 3 == 0);
            }
            return b.build();
        }
    }

    @ParameterizedTest(name = "dictionary={0} v2={1} dictionaryPageBytes={2} {3}")
    @CsvSource({"true, false, 4096, ZSTD", "true, true, 1048576, SNAPPY", "false, false, 1048576, UNCOMPRESSED",
        "true, false, 1048576, LZ4_RAW", "false, true, 4096, GZIP"})
    void bulkColumnsReadBackAndHaveTheirStatistics(boolean dictionary, boolean v2, int dictionaryPageBytes,
            ParquetCompression compression) throws Exception {
        Path file = dir.resolve("flat.parquet");
        List<List<Object>> expected = new ArrayList<>();
        ParquetWriteOptions options = ParquetWriteOptions.defaults().withCompression(compression)
                .withDictionary(dictionary).withDataPageV2(v2).withDictionaryPageBytes(dictionaryPageBytes)
                .withRowGroupRows(30_000).withPageBytes(64 * 1024);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            SplittableRandom random = new SplittableRandom(42);
            try (ParquetWriter writer = ParquetWriter.open(file, SCHEMA, options)) {
                for (int b = 0; b < 3; b++) {
                    try (RecordBatch batch = batch(allocator, random, b * ROWS)) {
                        // The middle batch goes as a slice that starts off a byte boundary.
                        try (RecordBatch part = b == 1 ? batch.slice(3, ROWS - 10) : batch.slice(0, ROWS)) {
                            writer.write(part);
                            expected.addAll(ReadBack.expectedRows(part));
                        }
                    }
                }
            }
            List<List<Object>> ours = ParquetFiles.readRows(file, allocator, ParquetReadOptions.defaults());
            assertThat(ours.size()).isEqualTo(expected.size());
            for (int r = 0; r < expected.size(); r++) {
                assertThat(ours.get(r)).as("row %d", r).isEqualTo(expected.get(r));
            }
        }
        try (Connection duck = DuckDb.connect()) {
            List<List<Object>> theirs = DuckDb.rows(duck, "SELECT * FROM read_parquet('" + file + "')",
                    ReadBack.schema(SCHEMA).fields());
            assertThat(theirs.size()).isEqualTo(expected.size());
            for (int r = 0; r < expected.size(); r++) {
                assertThat(theirs.get(r)).as("row %d", r).isEqualTo(expected.get(r));
            }
            checkStatistics(duck, file, expected);
            checkEncodings(duck, file, dictionary, dictionaryPageBytes);
        }
    }

    /**
     * The text column: a dictionary in row group 0 (100 distinct names); in row group 1 the unique
     * names overflow a small dictionary, which leaves dictionary pages followed by PLAIN ones.
     */
    private static void checkEncodings(Connection duck, Path file, boolean dictionary, int dictionaryPageBytes)
            throws Exception {
        List<String> encodings = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT encodings FROM parquet_metadata('"
                + file + "') WHERE path_in_schema = 'text' ORDER BY row_group_id")) {
            while (rs.next()) {
                encodings.add(rs.getString(1));
            }
        }
        assertThat(encodings).hasSize(3);
        if (!dictionary) {
            assertThat(encodings).allSatisfy(e -> assertThat(e).doesNotContain("DICTIONARY").contains("PLAIN"));
            return;
        }
        assertThat(encodings.get(0)).contains("DICTIONARY");
        if (dictionaryPageBytes < 10_000) {
            assertThat(encodings.get(1)).contains("DICTIONARY").contains("PLAIN");
        }
    }

    /** Row-group minimum and maximum of i64, u64 and text as DuckDB reads them from the footer. */
    private static void checkStatistics(Connection duck, Path file, List<List<Object>> rows) throws Exception {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT row_group_id, path_in_schema,"
                + " stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('" + file + "')"
                + " WHERE path_in_schema IN ('i64', 'u64', 'text') ORDER BY row_group_id, column_id")) {
            int checked = 0;
            while (rs.next()) {
                int group = rs.getInt(1);
                int column = switch (rs.getString(2)) {
                    case "i64" -> 2;
                    case "u64" -> 3;
                    default -> 6;
                };
                List<Object> values = new ArrayList<>();
                long nulls = 0;
                for (List<Object> row : rows.subList(group * 30_000, Math.min(rows.size(), (group + 1) * 30_000))) {
                    if (row.get(column) == null) {
                        nulls++;
                    } else {
                        values.add(row.get(column));
                    }
                }
                assertThat(rs.getLong(5)).as("null count of %s in group %d", rs.getString(2), group).isEqualTo(nulls);
                String min;
                String max;
                if (column == 6) {
                    min = values.stream().map(Object::toString).min(String::compareTo).orElseThrow();
                    max = values.stream().map(Object::toString).max(String::compareTo).orElseThrow();
                } else {
                    min = values.stream().map(v -> new BigInteger(v.toString())).min(BigInteger::compareTo).orElseThrow()
                            .toString();
                    max = values.stream().map(v -> new BigInteger(v.toString())).max(BigInteger::compareTo).orElseThrow()
                            .toString();
                }
                assertThat(rs.getString(3)).as("min of %s in group %d", rs.getString(2), group).isEqualTo(min);
                assertThat(rs.getString(4)).as("max of %s in group %d", rs.getString(2), group).isEqualTo(max);
                checked++;
            }
            assertThat(checked).isEqualTo(9);
        }
    }
}
