package dev.lightstream.csv;

import de.siegmar.fastcsv.reader.CsvRecord;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.csv.internal.CsvTokenizer;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measurement behind the choice of parser (docs/formats.md), run by hand:
 * {@code ./mvnw -pl csv -am verify -Dtest=CsvParserBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dlightstream.bench=true}.
 * It prints rows/s and MB/s of: our tokenizer alone, FastCSV alone, our reader into Arrow batches,
 * FastCSV feeding the same Arrow builders, and DuckDB's read_csv with 1 and 2 threads. No
 * assertion on time: the numbers are for the docs.
 */
@EnabledIfSystemProperty(named = "lightstream.bench", matches = "true")
class CsvParserBenchmark {
    private static final int ROWS = Integer.getInteger("lightstream.bench.rows", 2_000_000);
    private static final Schema SCHEMA = Schema.of(Field.nullable("id", DataType.INT64), Field.nullable("price", DataType.FLOAT64),
            Field.nullable("name", DataType.UTF8), Field.nullable("day", DataType.DATE32),
            Field.nullable("at", DataType.timestamp(TimeUnit.MICROSECOND, "UTC")), Field.nullable("ok", DataType.BOOL));

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        Path file = dir.resolve("bench.csv");
        SplittableRandom random = new SplittableRandom(1);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("id,price,name,day,at,ok\n");
            for (int i = 0; i < ROWS; i++) {
                out.write(i + "," + (random.nextInt(1_000_000) / 100.0) + ",\"name " + random.nextInt(100_000) + "\","
                        + LocalDate.ofEpochDay(random.nextInt(20_000)) + ","
                        + OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(random.nextLong(2_000_000_000L),
                                random.nextInt(1_000_000) * 1000L), java.time.ZoneOffset.UTC) + ","
                        + random.nextBoolean() + "\n");
            }
        }
        long bytes = Files.size(file);
        System.out.printf("BENCH file: %d rows, %.1f MB, %s, %d cores%n", ROWS, bytes / 1e6,
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 3; round++) {
            time("our tokenizer alone", bytes, () -> tokenizeOurs(file));
            time("FastCSV alone (String fields)", bytes, () -> tokenizeFastCsv(file));
            time("our reader -> Arrow batches", bytes, () -> readOurs(file));
            time("FastCSV -> Arrow builders", bytes, () -> readFastCsv(file));
            for (int threads : new int[] {1, 2}) {
                time("DuckDB read_csv, " + threads + " thread(s)", bytes, () -> readDuckDb(file, threads));
            }
        }
    }

    interface Run {
        long run() throws Exception;
    }

    private static void time(String what, long bytes, Run run) throws Exception {
        long start = System.nanoTime();
        long rows = run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH %-34s %8.3f s %12.0f rows/s %8.1f MB/s (rows=%d)%n", what, seconds, rows / seconds,
                bytes / 1e6 / seconds, rows);
    }

    private static long tokenizeOurs(Path file) throws IOException {
        long fields = 0;
        long rows = 0;
        try (FileChannel channel = FileChannel.open(file)) {
            CsvTokenizer tokenizer = new CsvTokenizer(channel, (byte) ',', '"', -1, 1 << 20, 64 << 20);
            while (tokenizer.next()) {
                fields += tokenizer.fieldCount();
                rows++;
            }
        }
        return fields > 0 ? rows - 1 : 0;
    }

    private static long tokenizeFastCsv(Path file) throws IOException {
        long rows = 0;
        long chars = 0;
        try (de.siegmar.fastcsv.reader.CsvReader<CsvRecord> reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord record : reader) {
                for (int i = 0; i < record.getFieldCount(); i++) {
                    chars += record.getField(i).length();
                }
                rows++;
            }
        }
        return chars > 0 ? rows - 1 : 0;
    }

    private static long readOurs(Path file) throws IOException {
        long rows = 0;
        try (BufferAllocator allocator = BufferAllocator.create();
                CsvReader reader = CsvReader.open(file, allocator, CsvReadOptions.defaults().withSchema(SCHEMA))) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    rows += batch.rowCount();
                }
            }
        }
        return rows;
    }

    /** What a reader on FastCSV would do: a String per field, parsed with the JDK into the same builders. */
    private static long readFastCsv(Path file) throws IOException {
        long rows = 0;
        try (BufferAllocator allocator = BufferAllocator.create();
                RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA);
                de.siegmar.fastcsv.reader.CsvReader<CsvRecord> reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(file)) {
            Int64Array.Builder id = builder.column(0).as(Int64Array.Builder.class);
            Float64Array.Builder price = builder.column(1).as(Float64Array.Builder.class);
            BinaryArray.Builder name = builder.column(2).as(BinaryArray.Builder.class);
            Int32Array.Builder day = builder.column(3).as(Int32Array.Builder.class);
            Int64Array.Builder at = builder.column(4).as(Int64Array.Builder.class);
            BooleanArray.Builder ok = builder.column(5).as(BooleanArray.Builder.class);
            boolean header = true;
            int inBatch = 0;
            for (CsvRecord record : reader) {
                if (header) {
                    header = false;
                    continue;
                }
                id.append(Long.parseLong(record.getField(0)));
                price.append(Double.parseDouble(record.getField(1)));
                name.append(record.getField(2));
                day.append((int) LocalDate.parse(record.getField(3)).toEpochDay());
                java.time.Instant instant = OffsetDateTime.parse(record.getField(4)).toInstant();
                at.append(instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000);
                ok.append(Boolean.parseBoolean(record.getField(5)));
                if (++inBatch == 1 << 16) {
                    builder.build().close();
                    rows += inBatch;
                    inBatch = 0;
                }
            }
            builder.build().close();
            rows += inBatch;
        }
        return rows;
    }

    private static long readDuckDb(Path file, int threads) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("SET threads = " + threads);
            s.execute("CREATE TABLE t AS SELECT * FROM read_csv('" + file + "', header = true, columns = {'id': 'BIGINT',"
                    + " 'price': 'DOUBLE', 'name': 'VARCHAR', 'day': 'DATE', 'at': 'TIMESTAMPTZ', 'ok': 'BOOLEAN'})");
            try (var rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
