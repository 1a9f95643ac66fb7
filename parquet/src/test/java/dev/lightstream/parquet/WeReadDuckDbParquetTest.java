package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * We read the Parquet files DuckDB writes ({@code COPY ... TO ... (FORMAT parquet, COMPRESSION x)})
 * with every codec DuckDB offers, nested types included, and our values equal DuckDB's own.
 */
@Timeout(120)
class WeReadDuckDbParquetTest {
    private static final int ROWS = 3000;

    @TempDir
    Path dir;

    /** A table of most DuckDB types, with nulls, built from a range. */
    static final String TABLE = """
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE TABLE t AS SELECT
              i AS id,
              CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
              (i % 256 - 128)::TINYINT AS i8,
              CASE WHEN i % 5 = 0 THEN NULL ELSE ((i * 37) % 65536 - 32768)::SMALLINT END AS i16,
              (hash(i) % 2147483647)::INTEGER * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) AS i32,
              (hash(i) >> 1)::BIGINT * (CASE WHEN i % 3 = 0 THEN 1 ELSE -1 END) AS i64,
              (i % 256)::UTINYINT AS u8,
              ((i * 13) % 65536)::USMALLINT AS u16,
              (hash(i) % 4294967296)::UINTEGER AS u32,
              CASE WHEN i % 9 = 0 THEN NULL ELSE hash(i) END AS u64,
              (i * 1.5)::FLOAT AS f32,
              CASE WHEN i % 11 = 0 THEN 'NaN'::DOUBLE WHEN i % 13 = 0 THEN '-inf'::DOUBLE ELSE i / 7.0 END AS f64,
              ((i % 1999) / 10 - 90)::DECIMAL(4, 1) AS d4,
              (i * 1.25 - 1000)::DECIMAL(9, 2) AS d9,
              ((hash(i) % 1000000000000000)::DECIMAL(18, 0) / 1000 * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END))::DECIMAL(18, 3) AS d18,
              CASE WHEN i % 4 = 0 THEN NULL ELSE (hash(i)::DECIMAL(38, 0) * 12345678901::DECIMAL(38, 0) / 100000)::DECIMAL(38, 10) END AS d38,
              DATE '2000-01-01' + ((i * 37) % 40000 - 20000)::INTEGER AS day,
              make_time((i % 24)::BIGINT, (i % 60)::BIGINT, (i % 60) + (i % 1000000) / 1000000.0) AS tod,
              TIMESTAMP '2000-01-01' + to_seconds((i * 7919)::BIGINT * 1000) + to_microseconds(i * 17) AS ts,
              CASE WHEN i % 6 = 0 THEN NULL ELSE (TIMESTAMP '1990-05-05' + to_seconds((i * 104729)::BIGINT) + to_microseconds(i))::TIMESTAMPTZ END AS tstz,
              (TIMESTAMP '2001-02-03' + to_milliseconds(i * 86400017))::TIMESTAMP_MS AS ts_ms,
              (TIMESTAMP '1969-12-31' + to_seconds(i * 3600 * 7))::TIMESTAMP_S AS ts_s,
              (TIMESTAMP '2020-01-01' + to_microseconds(i * 999983))::TIMESTAMP_NS AS ts_ns,
              CASE WHEN i % 8 = 0 THEN NULL WHEN i % 8 = 1 THEN '' ELSE 'word ' || i || repeat('é', i % 4) END AS s,
              encode('bytes' || i) AS bin,
              CASE WHEN i % 10 = 0 THEN NULL ELSE md5(i::VARCHAR)::UUID END AS id_uuid,
              to_months(i % 30) + to_days(i % 40) + to_milliseconds((i * 1001) % 86400000) AS span,
              (['sad', 'ok', 'happy'])[i % 3 + 1]::mood AS feeling,
              CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN [] ELSE [i, NULL, i * 2] END AS ints,
              ['a' || i, NULL, 'c'] AS words,
              CASE WHEN i % 3 = 0 THEN NULL ELSE {'x': i, 'y': 'v' || i, 'z': [i % 2 = 0]} END AS point,
              CASE WHEN i % 4 = 0 THEN NULL ELSE MAP {'k' || i: i, 'z': NULL} END AS kv,
              [{'k': (i % 100)::SMALLINT, 'v': [i::DECIMAL(12, 3), NULL]}, NULL] AS nested,
              [[i, i + 1], NULL, []] AS lists
            FROM range(ROWS) r(i);
            """.replace("ROWS", Integer.toString(ROWS));

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "snappy", "lz4_raw", "gzip", "uncompressed"})
    void ourValuesEqualDuckDbs(String codec) throws Exception {
        Path file = dir.resolve("duck-" + codec + ".parquet");
        try (Connection duck = DuckDb.connect();
                LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            for (String statement : TABLE.split(";")) {
                if (!statement.isBlank()) {
                    DuckDb.execute(duck, statement);
                }
            }
            DuckDb.execute(duck, "COPY t TO '" + file + "' (FORMAT parquet, COMPRESSION " + codec
                    + ", ROW_GROUP_SIZE 1000)");
            List<Field> fields;
            try (ParquetReader reader = ParquetReader.open(file, allocator, ParquetReadOptions.defaults())) {
                fields = reader.schema().fields();
                assertThat(reader.rowCount()).isEqualTo(ROWS);
                assertThat(reader.rowGroupCount()).isGreaterThan(1);
            }
            assertThat(fields.stream().map(Field::name).toList()).contains("id", "nested", "lists");
            assertThat(fields.get(0).type()).isEqualTo(DataType.INT64);
            List<List<Object>> ours = ParquetFiles.readRows(file, allocator, ParquetReadOptions.defaults().withBatchRows(777));
            List<String> select = new ArrayList<>();
            for (Field f : fields) {
                select.add(f.type() instanceof DataType.Interval ? DuckDb.intervalParts(f.name()) : f.name());
            }
            List<List<Object>> theirs = DuckDb.rows(duck, "SELECT " + String.join(", ", select) + " FROM t ORDER BY id",
                    fields);
            assertThat(ours).hasSize(ROWS);
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < fields.size(); c++) {
                    assertThat(ours.get(r).get(c)).as("%s row %d column %s (%s)", codec, r, fields.get(c).name(),
                            fields.get(c).type()).isEqualTo(theirs.get(r).get(c));
                }
            }
        }
    }
}
