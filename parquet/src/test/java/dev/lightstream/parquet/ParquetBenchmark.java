package dev.lightstream.parquet;

import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ad-hoc measurement of the Parquet writer and reader for docs/formats.md, run by hand:
 * {@code ./mvnw -pl parquet -am verify -Dtest=ParquetBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dlightstream.bench=true}.
 * Six flat columns (int64, float64, utf8, date32, timestamp, bool), 2 Mi rows, against DuckDB
 * writing and reading the same table with 1 and 2 threads. No assertion on time.
 */
@EnabledIfSystemProperty(named = "lightstream.bench", matches = "true")
class ParquetBenchmark {
    private static final int ROWS = Integer.getInteger("lightstream.bench.rows", 2 << 20);
    private static final int BATCH = 1 << 16;
    private static final Schema SCHEMA = Schema.of(Field.nullable("id", DataType.INT64), Field.nullable("price", DataType.FLOAT64),
            Field.nullable("name", DataType.UTF8), Field.nullable("day", DataType.DATE32),
            Field.nullable("at", DataType.timestamp(TimeUnit.MICROSECOND, "UTC")), Field.nullable("ok", DataType.BOOL));

    @TempDir
    Path dir;

    interface Run {
        long run() throws Exception;
    }

    private static void time(String what, long rows, Run run) throws Exception {
        long start = System.nanoTime();
        long bytes = run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH %-36s %8.3f s %12.0f rows/s  file %6.1f MB%n", what, seconds, rows / seconds, bytes / 1e6);
    }

    @Test
    void measure() throws Exception {
        List<RecordBatch> batches = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(1);
        try (BufferAllocator allocator = BufferAllocator.create();
                RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
            for (int i = 0; i < ROWS; i++) {
                builder.column(0).as(Int64Array.Builder.class).append(i);
                builder.column(1).as(Float64Array.Builder.class).append(random.nextInt(1_000_000) / 100.0);
                builder.column(2).as(BinaryArray.Builder.class).append("name " + random.nextInt(100_000));
                builder.column(3).as(Int32Array.Builder.class).append(random.nextInt(20_000));
                builder.column(4).as(Int64Array.Builder.class).append(random.nextLong(2_000_000_000_000_000L));
                builder.column(5).as(BooleanArray.Builder.class).append(random.nextBoolean());
                if ((i + 1) % BATCH == 0 || i == ROWS - 1) {
                    batches.add(builder.build());
                }
            }
            System.out.printf("BENCH %d rows in %d batches, %s, %d cores%n", ROWS, batches.size(),
                    System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors());
            for (int round = 0; round < 3; round++) {
                for (ParquetCompression codec : new ParquetCompression[] {ParquetCompression.UNCOMPRESSED,
                    ParquetCompression.SNAPPY, ParquetCompression.ZSTD}) {
                    Path file = dir.resolve("ours-" + codec + ".parquet");
                    time("our writer " + codec, ROWS, () -> {
                        try (ParquetWriter writer = ParquetWriter.open(file, SCHEMA, ParquetWriteOptions.defaults()
                                .withCompression(codec))) {
                            for (RecordBatch batch : batches) {
                                writer.write(batch);
                            }
                        }
                        return Files.size(file);
                    });
                    time("our reader " + codec, ROWS, () -> {
                        long rows = 0;
                        try (ParquetReader reader = ParquetReader.open(file, allocator, ParquetReadOptions.defaults())) {
                            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                                try (RecordBatch batch = next) {
                                    rows += batch.rowCount();
                                }
                            }
                        }
                        if (rows != ROWS) {
                            throw new AssertionError(rows);
                        }
                        return Files.size(file);
                    });
                }
                Path source = dir.resolve("ours-ZSTD.parquet");
                for (int threads : new int[] {1, 2}) {
                    for (String codec : new String[] {"uncompressed", "snappy", "zstd"}) {
                        Path out = dir.resolve("duck-" + codec + ".parquet");
                        try (Connection duck = DuckDb.connect(); Statement s = duck.createStatement()) {
                            s.execute("SET threads = " + threads);
                            s.execute("CREATE TABLE t AS SELECT * FROM read_parquet('" + source + "')");
                            time("DuckDB write " + codec + ", " + threads + " thr", ROWS, () -> {
                                s.execute("COPY t TO '" + out + "' (FORMAT parquet, COMPRESSION " + codec + ")");
                                return Files.size(out);
                            });
                            time("DuckDB read " + codec + ", " + threads + " thr", ROWS, () -> {
                                s.execute("CREATE OR REPLACE TABLE u AS SELECT * FROM read_parquet('" + out + "')");
                                return Files.size(out);
                            });
                        }
                    }
                }
            }
            batches.forEach(RecordBatch::close);
        }
    }
}
