package dev.lightstream.benchmarks;

import de.siegmar.fastcsv.reader.CsvRecord;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.csv.CsvReadOptions;
import dev.lightstream.csv.CsvReader;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code csv-read}: a CSV file in the page cache (id int64, x float64, a quoted name, a date, a
 * timestamp with {@code Z}, a bool with one in ten empty) parsed into typed columns. Ours:
 * {@link CsvReader} given the schema, into Arrow batches. DuckDB: {@code read_csv} with the same
 * column types into a table, one thread (only the {@code CREATE TABLE} is timed). FastCSV: its
 * tokenizer alone (a String per field, only the id parsed), the floor of what a reader built on it
 * could reach. Throughput is over the CSV bytes; every side sums the ids.
 */
final class CsvReadMeasurement extends Measurement {
    static final String FASTCSV = "fastcsv";
    private static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.of("x", DataType.FLOAT64),
            Field.of("name", DataType.UTF8), Field.of("day", DataType.DATE32),
            Field.of("at", DataType.timestamp(TimeUnit.MICROSECOND, "UTC")), Field.nullable("flag", DataType.BOOL));

    /** Keeps the field lengths FastCSV's side adds up from being optimised away. */
    static volatile long blackhole;

    private BufferAllocator allocator;
    private DuckDbPeer duck;
    private Path file;

    CsvReadMeasurement(String name) {
        super(name, MB_PER_S);
    }

    @Override
    public List<Side> setUp(Scale scale, Workspace workspace) throws Exception {
        allocator = BufferAllocator.create();
        duck = new DuckDbPeer();
        file = workspace.tempDir().resolve(name() + ".csv");
        referenceRows = write(file, scale.fileBytes() / 4);
        referenceBytes = Files.size(file);
        return List.of(new Side(Side.OURS, this::readOurs), new Side(DuckDbPeer.NAME, this::readDuckDb),
                new Side(FASTCSV, this::tokenizeFastCsv));
    }

    /** Writes rows until the file reaches {@code bytes}; returns the row count. */
    private static long write(Path file, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        long rows = 0;
        long size = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("id,x,name,day,at,flag\n");
            StringBuilder line = new StringBuilder(128);
            while (size < bytes) {
                line.setLength(0);
                line.append(random.nextLong(1L << 40)).append(',').append(random.nextInt(100_000_000) / 1000.0)
                        .append(",\"name ").append(random.nextInt(100_000));
                if (random.nextInt(20) == 0) {
                    line.append(", with a comma");
                }
                line.append("\",").append(LocalDate.ofEpochDay(random.nextInt(20_000))).append(',')
                        .append(Instant.ofEpochSecond(random.nextLong(2_000_000_000L), random.nextInt(1_000_000) * 1000L)
                                .atOffset(ZoneOffset.UTC)).append(',');
                int flag = random.nextInt(10);
                line.append(flag == 0 ? "" : flag % 2 == 0 ? "true" : "false").append('\n');
                out.append(line);
                size += line.length();
                rows++;
            }
        }
        return rows;
    }

    private Moved readOurs() throws IOException {
        long rows = 0;
        long sum = 0;
        try (CsvReader reader = CsvReader.open(file, allocator, CsvReadOptions.defaults().withSchema(SCHEMA))) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    Int64Array ids = (Int64Array) batch.column(0);
                    for (int i = 0; i < ids.length(); i++) {
                        sum += ids.get(i);
                    }
                    rows += batch.rowCount();
                }
            }
        }
        return new Moved(rows, referenceBytes, sum);
    }

    private Moved readDuckDb() throws Exception {
        long start = System.nanoTime();
        duck.execute("CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(" + DuckDbPeer.literal(file)
                + ", header = true, columns = {'id': 'BIGINT', 'x': 'DOUBLE', 'name': 'VARCHAR', 'day': 'DATE',"
                + " 'at': 'TIMESTAMPTZ', 'flag': 'BOOLEAN'})");
        long nanos = System.nanoTime() - start;
        long[] countAndSum = duck.countAndSum("t", "id");
        return new Moved(countAndSum[0], referenceBytes, countAndSum[1], nanos);
    }

    private Moved tokenizeFastCsv() throws IOException {
        long rows = 0;
        long sum = 0;
        long chars = 0;
        try (de.siegmar.fastcsv.reader.CsvReader<CsvRecord> reader =
                de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(file)) {
            boolean header = true;
            for (CsvRecord record : reader) {
                if (header) {
                    header = false;
                    continue;
                }
                for (int i = 1; i < record.getFieldCount(); i++) {
                    chars += record.getField(i).length(); // touch every field, as a reader would
                }
                sum += Long.parseLong(record.getField(0));
                rows++;
            }
        }
        blackhole = chars;
        return new Moved(rows, referenceBytes, sum);
    }

    @Override
    public void close() throws Exception {
        if (duck != null) {
            duck.close();
        }
        if (allocator != null) {
            allocator.close();
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
