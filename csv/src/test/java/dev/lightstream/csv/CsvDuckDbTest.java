package dev.lightstream.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB as the independent implementation: we read the CSV files DuckDB writes and find its
 * values, and DuckDB reads the CSV files we write and finds ours, compared value by value through JDBC.
 */
@Timeout(120)
class CsvDuckDbTest {
    private static final int ROWS = 2000;

    @TempDir
    Path dir;

    private static Connection connect() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone='UTC'");
        }
        return c;
    }

    /** A DuckDB JDBC value as the getObject value of an Arrow column of {@code type}. */
    private static Object ours(Object duck, DataType type) {
        if (duck == null) {
            return null;
        }
        return switch (type) {
            case DataType.Int i when i.bitWidth() == 64 -> ((Number) duck).longValue();
            case DataType.Int i when i.bitWidth() == 32 && i.signed() -> ((Number) duck).intValue();
            case DataType.Int i when i.bitWidth() == 16 && i.signed() -> ((Number) duck).shortValue();
            case DataType.Int i when i.bitWidth() == 8 && i.signed() -> ((Number) duck).byteValue();
            case DataType.Int i -> ((Number) duck).intValue();
            case DataType.FloatingPoint f when f.precision() == dev.lightstream.schema.Precision.SINGLE -> ((Number) duck).floatValue();
            case DataType.FloatingPoint f -> ((Number) duck).doubleValue();
            case DataType.Decimal d -> ((BigDecimal) duck).setScale(d.scale());
            case DataType.Date d -> (int) ((LocalDate) duck).toEpochDay();
            case DataType.Time t -> ((LocalTime) duck).toNanoOfDay() / 1000;
            case DataType.Timestamp t -> {
                Instant instant = duck instanceof OffsetDateTime o ? o.toInstant()
                        : ((java.sql.Timestamp) duck).toLocalDateTime().toInstant(ZoneOffset.UTC);
                yield instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
            }
            default -> duck;
        };
    }

    private static List<List<Object>> duckRows(Connection duck, String sql, Schema schema) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < schema.size(); c++) {
                    row.add(ours(rs.getObject(c + 1), schema.field(c).type()));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void weReadTheCsvDuckDbWrites() throws Exception {
        Path file = dir.resolve("duck.csv");
        try (Connection duck = connect(); Statement s = duck.createStatement()) {
            s.execute("""
                    CREATE TABLE t AS SELECT
                      i AS id,
                      CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
                      (hash(i) >> 2)::BIGINT * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) AS big,
                      CASE WHEN i % 11 = 0 THEN 'NaN'::DOUBLE WHEN i % 13 = 0 THEN '-inf'::DOUBLE
                           ELSE (hash(i) % 1000000)::DOUBLE / 7 * (CASE WHEN i % 3 = 0 THEN 1e20 ELSE 1 END) END AS x,
                      ((i * 37) % 100000 / 100 - 300)::DECIMAL(9, 2) AS price,
                      DATE '1990-01-01' + ((i * 37) % 20000)::INTEGER AS day,
                      TIMESTAMP '2000-01-01' + to_seconds((i * 7919)::BIGINT * 1000) + to_microseconds(i * 17) AS ts,
                      CASE WHEN i % 5 = 0 THEN NULL ELSE (TIMESTAMP '2010-05-05' + to_seconds((i * 104729)::BIGINT))::TIMESTAMPTZ END AS tstz,
                      CASE WHEN i % 8 = 0 THEN NULL WHEN i % 8 = 1 THEN '' WHEN i % 8 = 2 THEN 'a,b "quoted"'
                           WHEN i % 8 = 3 THEN 'line' || chr(10) || 'break' ELSE 'text ' || i || ' é' END AS s
                    FROM range(ROWS) r(i)
                    """.replace("ROWS", Integer.toString(ROWS)));
            s.execute("COPY t TO '" + file + "' (FORMAT csv, HEADER)");
            Schema expectedSchema = Schema.of(Field.nullable("id", DataType.INT64), Field.nullable("flag", DataType.BOOL),
                    Field.nullable("big", DataType.INT64), Field.nullable("x", DataType.FLOAT64),
                    Field.nullable("price", DataType.decimal(5, 2)), Field.nullable("day", DataType.DATE32),
                    Field.nullable("ts", DataType.timestamp(TimeUnit.MICROSECOND, null)),
                    Field.nullable("tstz", DataType.timestamp(TimeUnit.MICROSECOND, "UTC")),
                    Field.nullable("s", DataType.UTF8));
            try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
                Csv.Result ours = Csv.read(CsvReader.open(file, allocator, CsvReadOptions.defaults()
                        .withInferDecimal(true).withInferRows(ROWS).withBatchRows(300)));
                assertThat(ours.schema()).isEqualTo(expectedSchema);
                List<List<Object>> theirs = duckRows(duck, "SELECT * FROM t ORDER BY id", expectedSchema);
                assertThat(ours.rows()).hasSize(ROWS);
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < expectedSchema.size(); c++) {
                        assertThat(ours.rows().get(r).get(c)).as("row %d column %s", r, expectedSchema.field(c))
                                .isEqualTo(theirs.get(r).get(c));
                    }
                }
            }
        }
    }

    @Test
    void duckDbReadsTheCsvWeWrite() throws Exception {
        Schema schema = Schema.of(Field.of("id", DataType.INT32), Field.nullable("flag", DataType.BOOL),
                Field.nullable("i8", DataType.INT8), Field.nullable("i16", DataType.INT16), Field.nullable("big", DataType.INT64),
                Field.nullable("f32", DataType.FLOAT32), Field.nullable("f64", DataType.FLOAT64),
                Field.nullable("price", DataType.decimal(18, 4)), Field.nullable("day", DataType.DATE32),
                Field.nullable("tod", DataType.time(TimeUnit.MICROSECOND)),
                Field.nullable("ts", DataType.timestamp(TimeUnit.MICROSECOND, null)),
                Field.nullable("tstz", DataType.timestamp(TimeUnit.MICROSECOND, "UTC")),
                Field.nullable("s", DataType.UTF8), Field.nullable("city", DataType.dictionary(DataType.INT8, DataType.UTF8)));
        String[] words = {"", "plain", "a,b", "say \"hi\"", "two\nlines", "NA", "NULL", "zürich 😀"};
        Path file = dir.resolve("ours.csv");
        List<List<Object>> expected = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema);
                CsvWriter writer = CsvWriter.open(file, schema, CsvWriteOptions.defaults())) {
            for (int i = 0; i < ROWS; i++) {
                boolean nulls = i % 9 == 0;
                builder.appendRow(i, nulls ? null : random.nextBoolean(), (byte) random.nextInt(-128, 128),
                        (short) random.nextInt(-32768, 32768), nulls ? null : random.nextLong(),
                        (float) random.nextDouble(-1e6, 1e6), i % 17 == 0 ? Double.NaN : random.nextDouble() * Math.pow(10, random.nextInt(-20, 20)),
                        BigDecimal.valueOf(random.nextLong(-999_999_999_999L, 999_999_999_999L), 4),
                        random.nextInt(-100_000, 100_000), random.nextLong(86_400_000_000L),
                        random.nextLong(-2_000_000_000_000_000L, 4_000_000_000_000_000L),
                        nulls ? null : random.nextLong(-2_000_000_000_000_000L, 4_000_000_000_000_000L),
                        nulls ? null : words[i % words.length], new String[] {"Oslo", "Lima", "Pune"}[i % 3]);
                if (builder.rowCount() == 500) {
                    try (RecordBatch batch = builder.build()) {
                        writer.write(batch);
                        expected.addAll(Csv.rows(batch));
                    }
                }
            }
        }
        String columns = "{'id': 'INTEGER', 'flag': 'BOOLEAN', 'i8': 'TINYINT', 'i16': 'SMALLINT', 'big': 'BIGINT',"
                + " 'f32': 'FLOAT', 'f64': 'DOUBLE', 'price': 'DECIMAL(18,4)', 'day': 'DATE', 'tod': 'TIME',"
                + " 'ts': 'TIMESTAMP', 'tstz': 'TIMESTAMPTZ', 's': 'VARCHAR', 'city': 'VARCHAR'}";
        try (Connection duck = connect()) {
            List<List<Object>> theirs = duckRows(duck, "SELECT * FROM read_csv('" + file + "', header = true, columns = "
                    + columns + ", allow_quoted_nulls = false) ORDER BY id", schema);
            assertThat(theirs).hasSize(ROWS);
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < schema.size(); c++) {
                    assertThat(theirs.get(r).get(c)).as("row %d column %s", r, schema.field(c))
                            .isEqualTo(expected.get(r).get(c));
                }
            }
        }
    }
}
