package dev.lightstream.benchmarks;

import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.parquet.ParquetCompression;
import dev.lightstream.parquet.ParquetReadOptions;
import dev.lightstream.parquet.ParquetReader;
import dev.lightstream.parquet.ParquetWriteOptions;
import dev.lightstream.parquet.ParquetWriter;
import dev.lightstream.parquet.internal.AirCompressorCodecFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * {@code parquet-write}, {@code parquet-read} (ZSTD) and their {@code -none} twins (uncompressed):
 * batches of the benchmark data (id int64, x float64, name utf8, nullable flag; 65,536 rows each,
 * each generated anew so that no page repeats another) written to one Parquet file, and read back. Ours: {@link ParquetWriter} / {@link ParquetReader}.
 * DuckDB, one thread: {@code COPY t TO ... (FORMAT parquet, COMPRESSION ...)} of a table holding the
 * same rows / {@code CREATE TABLE AS SELECT * FROM read_parquet(...)}. parquet-java: its example
 * object model ({@code ExampleParquetWriter} and {@code GroupReadSupport}, a {@link Group} per row),
 * through the same codec factory as ours. Every reader reads the file our writer made; every side
 * sums the ids. Throughput is over our IPC encoding of the rows, as in the other measurements.
 */
final class ParquetMeasurement extends Measurement {
    static final String PARQUET_JAVA = "parquet-java";
    private static final int BATCH_ROWS = 65_536;
    private static final MessageType EXAMPLE_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("id")
            .required(PrimitiveTypeName.DOUBLE).named("x")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name")
            .optional(PrimitiveTypeName.BOOLEAN).named("flag")
            .named("bench");

    private final boolean write;
    private final ParquetCompression compression;
    private BufferAllocator allocator;
    private DuckDbPeer duck;
    /** Distinct batches: repeating one would let ZSTD find whole batches again in pages that span them. */
    private final List<RecordBatch> batches = new java.util.ArrayList<>();
    private long copies;
    private long idSum;
    private Path oursFile;
    private Path duckFile;
    private Path javaFile;

    ParquetMeasurement(String name, boolean write, ParquetCompression compression) {
        super(name, MB_PER_S);
        this.write = write;
        this.compression = compression;
    }

    @Override
    public List<Side> setUp(Scale scale, Workspace workspace) throws Exception {
        allocator = BufferAllocator.create();
        duck = new DuckDbPeer();
        RecordBatch first = BenchData.generate(BATCH_ROWS, 29).toBatch(allocator);
        batches.add(first);
        long perBatch = Ours.writeStream(new StreamMeasurement.CountingChannel(), first, 2, allocator,
                IpcWriteOptions.DEFAULT) - Ours.writeStream(new StreamMeasurement.CountingChannel(), first, 1, allocator,
                IpcWriteOptions.DEFAULT);
        copies = Math.max(1, scale.fileBytes() / 8 / perBatch);
        for (long i = 1; i < copies; i++) {
            batches.add(BenchData.generate(BATCH_ROWS, 29 + i).toBatch(allocator));
        }
        referenceRows = copies * BATCH_ROWS;
        referenceBytes = copies * perBatch;
        for (RecordBatch b : batches) {
            idSum += Ours.sum(b);
        }
        oursFile = workspace.tempDir().resolve(name() + "-ours.parquet");
        duckFile = workspace.tempDir().resolve(name() + "-duckdb.parquet");
        javaFile = workspace.tempDir().resolve(name() + "-parquet-java.parquet");
        writeOurs();
        duck.execute("CREATE OR REPLACE TABLE t AS SELECT * FROM read_parquet(" + DuckDbPeer.literal(oursFile) + ")");
        if (write) {
            return List.of(new Side(Side.OURS, this::writeOurs), new Side(DuckDbPeer.NAME, this::writeDuckDb),
                    new Side(PARQUET_JAVA, this::writeParquetJava));
        }
        return List.of(new Side(Side.OURS, this::readOurs), new Side(DuckDbPeer.NAME, this::readDuckDb),
                new Side(PARQUET_JAVA, this::readParquetJava));
    }

    private String duckCodec() {
        return compression == ParquetCompression.UNCOMPRESSED ? "uncompressed" : compression.name().toLowerCase();
    }

    private Moved writeOurs() throws IOException {
        try (ParquetWriter writer = ParquetWriter.open(oursFile, BenchData.SCHEMA,
                ParquetWriteOptions.defaults().withCompression(compression))) {
            for (RecordBatch batch : batches) {
                writer.write(batch);
            }
        }
        return new Moved(referenceRows, Files.size(oursFile), idSum);
    }

    private Moved writeDuckDb() throws Exception {
        duck.execute("COPY t TO " + DuckDbPeer.literal(duckFile) + " (FORMAT parquet, COMPRESSION " + duckCodec() + ")");
        long[] countAndSum = duck.countAndSum("t", "id");
        return new Moved(countAndSum[0], Files.size(duckFile), countAndSum[1]);
    }

    /** parquet-java's example object model: a Group per row, filled from the Arrow columns. */
    private Moved writeParquetJava() throws IOException {
        Files.deleteIfExists(javaFile);
        SimpleGroupFactory groups = new SimpleGroupFactory(EXAMPLE_SCHEMA);
        try (org.apache.parquet.hadoop.ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new LocalOutputFile(javaFile))
                .withConf(new PlainParquetConfiguration())
                .withType(EXAMPLE_SCHEMA)
                .withCodecFactory(new AirCompressorCodecFactory(0, Integer.MAX_VALUE))
                .withCompressionCodec(compression == ParquetCompression.UNCOMPRESSED ? CompressionCodecName.UNCOMPRESSED
                        : CompressionCodecName.valueOf(compression.name()))
                .build()) {
            for (RecordBatch batch : batches) {
                Int64Array ids = (Int64Array) batch.column(0);
                Float64Array xs = (Float64Array) batch.column(1);
                BinaryArray names = (BinaryArray) batch.column(2);
                BooleanArray flags = (BooleanArray) batch.column(3);
                for (int i = 0; i < batch.rowCount(); i++) {
                    Group row = groups.newGroup().append("id", ids.get(i)).append("x", xs.get(i))
                            .append("name", Binary.fromConstantByteArray(names.getBytes(i)));
                    if (!flags.isNull(i)) {
                        row.append("flag", flags.get(i));
                    }
                    writer.write(row);
                }
            }
        }
        return new Moved(referenceRows, Files.size(javaFile), idSum);
    }

    private Moved readOurs() throws IOException {
        long rows = 0;
        long sum = 0;
        try (ParquetReader reader = ParquetReader.open(oursFile, allocator, ParquetReadOptions.defaults())) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch b = next) {
                    sum += Ours.sum(b);
                    rows += b.rowCount();
                }
            }
        }
        return new Moved(rows, Files.size(oursFile), sum);
    }

    private Moved readDuckDb() throws Exception {
        long start = System.nanoTime();
        duck.execute("CREATE OR REPLACE TABLE u AS SELECT * FROM read_parquet(" + DuckDbPeer.literal(oursFile) + ")");
        long nanos = System.nanoTime() - start;
        long[] countAndSum = duck.countAndSum("u", "id");
        return new Moved(countAndSum[0], Files.size(oursFile), countAndSum[1], nanos);
    }

    private Moved readParquetJava() throws IOException {
        long rows = 0;
        long sum = 0;
        LocalInputFile input = new LocalInputFile(oursFile);
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        try (org.apache.parquet.hadoop.ParquetReader<Group> reader =
                new org.apache.parquet.hadoop.ParquetReader.Builder<Group>(input, conf) {
                    @Override
                    protected org.apache.parquet.hadoop.api.ReadSupport<Group> getReadSupport() {
                        return new GroupReadSupport();
                    }
                }.withCodecFactory(new AirCompressorCodecFactory(0, Integer.MAX_VALUE)).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                sum += row.getLong("id", 0);
                rows++;
            }
        }
        return new Moved(rows, Files.size(oursFile), sum);
    }

    @Override
    public void close() throws Exception {
        if (duck != null) {
            duck.close();
        }
        batches.forEach(RecordBatch::close);
        batches.clear();
        if (allocator != null) {
            allocator.close();
        }
        for (Path p : new Path[] {oursFile, duckFile, javaFile}) {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        }
    }
}
