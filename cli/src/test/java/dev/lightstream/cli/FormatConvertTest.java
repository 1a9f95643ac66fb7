package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.csv.CsvReadOptions;
import dev.lightstream.csv.CsvReader;
import dev.lightstream.csv.CsvWriteOptions;
import dev.lightstream.csv.CsvWriter;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.parquet.ParquetReadOptions;
import dev.lightstream.parquet.ParquetReader;
import dev.lightstream.parquet.ParquetWriteOptions;
import dev.lightstream.parquet.ParquetWriter;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code convert} between CSV, Parquet and the IPC file and stream formats in every direction: the
 * rows read back from each output equal the original batch ({@link ArrayEquality}), and DuckDB
 * reads the CSV and Parquet outputs with the same values. Also the options: compression by output
 * format, CSV delimiter, header, null token and dictionary columns, stdin and stdout, a server as
 * input, and {@code cat} and {@code schema} of CSV and Parquet files.
 */
@Timeout(120)
class FormatConvertTest {
    /** The types CSV inference gives back exactly, so that every direction can be compared. */
    static final Schema SCHEMA = Schema.of(Field.nullable("id", DataType.INT64), Field.nullable("price", DataType.FLOAT64),
            Field.nullable("name", DataType.UTF8), Field.nullable("ok", DataType.BOOL),
            Field.nullable("day", DataType.DATE32), Field.nullable("at", DataType.timestamp(TimeUnit.MICROSECOND, "UTC")));
    static final int ROWS = 3000;
    static final List<String> EXTENSIONS = List.of("csv", "parquet", "arrow", "arrows");

    @TempDir
    static Path inputs;

    @TempDir
    Path dir;

    static LeakCheckingAllocator allocator;
    static RecordBatch original;

    @BeforeAll
    static void writeInputs() throws IOException {
        allocator = BufferAllocator.leakChecking();
        try (RecordBatchBuilder b = new RecordBatchBuilder(allocator, SCHEMA)) {
            for (int i = 0; i < ROWS; i++) {
                b.column(0).as(Int64Array.Builder.class).append(i * 1_000_003L - 5_000);
                if (i % 17 == 3) {
                    b.column(1).appendNull();
                } else {
                    b.column(1).as(Float64Array.Builder.class).append(i / 8.0 - 100.25);
                }
                if (i % 13 == 7) {
                    b.column(2).appendNull();
                } else {
                    String name = switch (i % 5) {
                        case 0 -> "plain " + i;
                        case 1 -> "with, comma " + i;
                        case 2 -> "with \"quotes\" " + i;
                        case 3 -> "line\nbreak " + i;
                        default -> "tab\there " + i;
                    };
                    b.column(2).as(BinaryArray.Builder.class).append(name);
                }
                if (i % 11 == 0) {
                    b.column(3).appendNull();
                } else {
                    b.column(3).as(BooleanArray.Builder.class).append(i % 3 == 0);
                }
                b.column(4).as(Int32Array.Builder.class).append(18_000 + i);
                if (i % 19 == 1) {
                    b.column(5).appendNull();
                } else {
                    b.column(5).as(Int64Array.Builder.class).append(1_700_000_000_000_000L + i * 1_234_567L);
                }
            }
            original = b.build();
        }
        try (CsvWriter csv = CsvWriter.open(inputs.resolve("data.csv"), SCHEMA, CsvWriteOptions.defaults())) {
            csv.write(original);
        }
        try (ParquetWriter parquet = ParquetWriter.open(inputs.resolve("data.parquet"), SCHEMA,
                ParquetWriteOptions.defaults().withRowGroupRows(1000))) {
            parquet.write(original);
        }
        IpcFiles.writeFile(inputs.resolve("data.arrow"), SCHEMA, List.of(original), allocator);
        IpcFiles.writeStream(inputs.resolve("data.arrows"), SCHEMA, List.of(original), allocator);
    }

    @AfterAll
    static void release() {
        original.close();
        allocator.close();
    }

    static Stream<Arguments> directions() {
        List<Arguments> all = new ArrayList<>();
        for (String from : EXTENSIONS) {
            for (String to : EXTENSIONS) {
                all.add(Arguments.of(from, to));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("directions")
    void everyDirectionKeepsTheRows(String from, String to) throws Exception {
        Path out = dir.resolve("out." + to);
        Cli.Result result = Cli.run("convert", inputs.resolve("data." + from).toString(), out.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        assertSameRows(read(out, to));
        if (to.equals("csv") || to.equals("parquet")) {
            assertDuckDbReads(out, to);
        }
    }

    /** Every batch of {@code batches} equals the matching rows of the original, column by column. */
    private static void assertSameRows(List<RecordBatch> batches) {
        try {
            int offset = 0;
            for (RecordBatch batch : batches) {
                assertThat(batch.schema().fields()).isEqualTo(SCHEMA.fields());
                try (RecordBatch expected = original.slice(offset, batch.rowCount())) {
                    for (int c = 0; c < SCHEMA.size(); c++) {
                        assertThat(ArrayEquality.defaults().compare(expected.column(c), batch.column(c)))
                                .as("column %s, rows from %d", SCHEMA.field(c).name(), offset).isEmpty();
                    }
                }
                offset += batch.rowCount();
            }
            assertThat(offset).isEqualTo(ROWS);
        } finally {
            batches.forEach(RecordBatch::close);
        }
    }

    static List<RecordBatch> read(Path path, String format) throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        switch (format) {
            case "csv" -> {
                try (CsvReader reader = CsvReader.open(path, allocator, CsvReadOptions.defaults())) {
                    for (RecordBatch b = reader.next(); b != null; b = reader.next()) {
                        batches.add(b);
                    }
                }
            }
            case "parquet" -> {
                try (ParquetReader reader = ParquetReader.open(path, allocator, ParquetReadOptions.defaults())) {
                    for (RecordBatch b = reader.next(); b != null; b = reader.next()) {
                        batches.add(b);
                    }
                }
            }
            case "arrow" -> {
                try (ArrowFileReader reader = new ArrowFileReader(path, allocator)) {
                    for (int i = 0; i < reader.batchCount(); i++) {
                        batches.add(reader.batch(i));
                    }
                }
            }
            default -> batches.addAll(readStream(FileChannel.open(path)));
        }
        return batches;
    }

    private static List<RecordBatch> readStream(ReadableByteChannel channel) throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        try (ArrowStreamReader reader = new ArrowStreamReader(channel, allocator)) {
            for (RecordBatch b = reader.next(); b != null; b = reader.next()) {
                batches.add(b);
            }
        }
        return batches;
    }

    /** DuckDB reads the output: every row's id, price, name and flag, and the sum of days. */
    private static void assertDuckDbReads(Path out, String format) throws Exception {
        String from = format.equals("csv") ? "read_csv('" + out + "', header = true, columns = {'id': 'BIGINT',"
                + " 'price': 'DOUBLE', 'name': 'VARCHAR', 'ok': 'BOOLEAN', 'day': 'DATE', 'at': 'TIMESTAMPTZ'})"
                : "read_parquet('" + out + "')";
        Int64Array ids = (Int64Array) original.column(0);
        Float64Array prices = (Float64Array) original.column(1);
        BinaryArray names = (BinaryArray) original.column(2);
        BooleanArray oks = (BooleanArray) original.column(3);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, price, name, ok, epoch_us(\"at\") FROM " + from + " ORDER BY id")) {
            for (int i = 0; i < ROWS; i++) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(ids.get(i));
                assertThat(rs.getObject(2)).as("price of row %d", i).isEqualTo(prices.isNull(i) ? null : prices.get(i));
                assertThat(rs.getString(3)).as("name of row %d", i).isEqualTo(names.isNull(i) ? null : names.getString(i));
                assertThat(rs.getObject(4)).as("ok of row %d", i).isEqualTo(oks.isNull(i) ? null : oks.get(i));
                Int64Array at = (Int64Array) original.column(5);
                assertThat(rs.getObject(5)).as("at of row %d", i).isEqualTo(at.isNull(i) ? null : at.get(i));
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void parquetToStdoutAndCsvFromStdin() throws Exception {
        Cli.Result toStdout = Cli.run("convert", inputs.resolve("data.parquet").toString(), "-");
        assertThat(toStdout.exit()).as(toStdout.toString()).isZero();
        assertSameRows(readStream(Channels.newChannel(new ByteArrayInputStream(toStdout.stdout()))));

        Path out = dir.resolve("from-stdin.parquet");
        Cli.Result fromStdin = Cli.withStdin(Files.readAllBytes(inputs.resolve("data.csv")), "convert", "--from", "csv",
                "-", out.toString());
        assertThat(fromStdin.exit()).as(fromStdin.toString()).isZero();
        assertSameRows(read(out, "parquet"));

        // Parquet to stdout, and Parquet from stdin (spooled to a temporary file).
        Cli.Result parquetOut = Cli.run("convert", "--to", "parquet", inputs.resolve("data.arrow").toString(), "-");
        assertThat(parquetOut.exit()).as(parquetOut.toString()).isZero();
        Path back = dir.resolve("back.arrow");
        Cli.Result parquetIn = Cli.withStdin(parquetOut.stdout(), "convert", "--from", "parquet", "-", back.toString());
        assertThat(parquetIn.exit()).as(parquetIn.toString()).isZero();
        assertSameRows(read(back, "arrow"));
    }

    @Test
    void compressionIsCheckedAgainstTheOutputFormat() throws Exception {
        String in = inputs.resolve("data.arrow").toString();
        for (String codec : List.of("snappy", "lz4_raw", "gzip", "none", "zstd")) {
            Path out = dir.resolve(codec + ".parquet");
            Cli.Result result = Cli.run("convert", "--compression", codec, in, out.toString());
            assertThat(result.exit()).as(result.toString()).isZero();
            assertSameRows(read(out, "parquet"));
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                    ResultSet rs = s.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('" + out + "')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualToIgnoringCase(codec.equals("none") ? "UNCOMPRESSED" : codec);
                assertThat(rs.next()).isFalse();
            }
        }
        Cli.Result ipcSnappy = Cli.run("convert", "--compression", "snappy", in, dir.resolve("x.arrows").toString());
        assertThat(ipcSnappy.exit()).isEqualTo(2);
        assertThat(ipcSnappy.err()).contains("snappy is not an Arrow IPC codec: use zstd, lz4 or none");
        Cli.Result csvZstd = Cli.run("convert", "--compression", "zstd", in, dir.resolve("x.csv").toString());
        assertThat(csvZstd.exit()).isEqualTo(2);
        assertThat(csvZstd.err()).contains("CSV outputs are not compressed");
        Cli.Result parquetBrotli = Cli.run("convert", "--compression", "brotli", in, dir.resolve("x.parquet").toString());
        assertThat(parquetBrotli.exit()).isEqualTo(2);
        assertThat(parquetBrotli.err()).contains("brotli is not a Parquet codec");
        Cli.Result unknown = Cli.run("convert", in, dir.resolve("x.data").toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("add --to csv, parquet, file or stream");
        Cli.Result csvOptionsForIpc = Cli.run("convert", "--delimiter", ";", in, dir.resolve("x.arrows").toString());
        assertThat(csvOptionsForIpc.exit()).isEqualTo(2);
        assertThat(csvOptionsForIpc.err()).contains("need a CSV input or output");
        // No partial output is left behind by a refused conversion.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("x."));
        }
    }

    @Test
    void csvOptionsDelimiterHeaderNullAndDictionary() throws Exception {
        Path semicolons = dir.resolve("in.txt");
        Files.writeString(semicolons, "1;red;2.5\n2;NA;3.5\n3;blue;NA\n4;red;1\n");
        Path out = dir.resolve("out.arrow");
        Cli.Result result = Cli.run("convert", "--from", "csv", "--delimiter", ";", "--no-header", "--null", "NA",
                "--dictionary", "f1", semicolons.toString(), out.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        List<RecordBatch> batches = read(out, "arrow");
        try {
            RecordBatch batch = batches.getFirst();
            assertThat(batch.schema().field("f0").type()).isEqualTo(DataType.INT64);
            assertThat(batch.schema().field("f1").type()).isEqualTo(DataType.dictionary(DataType.INT32, DataType.UTF8));
            assertThat(batch.schema().field("f2").type()).isEqualTo(DataType.FLOAT64);
            assertThat(batch.column(1).getObject(0)).isEqualTo("red");
            assertThat(batch.column(1).isNull(1)).isTrue();
            assertThat(batch.column(2).isNull(2)).isTrue();
        } finally {
            batches.forEach(RecordBatch::close);
        }
        // A .tsv path is tab-separated both ways; a CSV output takes the header and null options.
        Path tsv = dir.resolve("out.tsv");
        Cli.Result toTsv = Cli.run("convert", "--null", "NULL", inputs.resolve("data.parquet").toString(), tsv.toString());
        assertThat(toTsv.exit()).as(toTsv.toString()).isZero();
        assertThat(Files.readAllLines(tsv).getFirst()).isEqualTo("id\tprice\tname\tok\tday\tat");
        assertThat(Files.readString(tsv)).contains("\tNULL\t");
        Path back = dir.resolve("back.arrows");
        Cli.Result fromTsv = Cli.run("convert", tsv.toString(), back.toString());
        assertThat(fromTsv.exit()).as(fromTsv.toString()).isZero();
        assertSameRows(read(back, "arrows"));
    }

    @Test
    void catAndSchemaReadCsvAndParquet() {
        Cli.Result schema = Cli.run("schema", inputs.resolve("data.parquet").toString());
        assertThat(schema.exit()).as(schema.toString()).isZero();
        assertThat(schema.out()).contains("Parquet: ", "fields: 6", "row groups: 3", "rows: 3000", "ARROW:schema");
        Cli.Result csvSchema = Cli.run("schema", inputs.resolve("data.csv").toString());
        assertThat(csvSchema.exit()).as(csvSchema.toString()).isZero();
        assertThat(csvSchema.out()).contains("CSV: ", "fields: 6", "timestamp");
        Cli.Result cat = Cli.run("cat", "-n", "2", inputs.resolve("data.parquet").toString());
        assertThat(cat.exit()).as(cat.toString()).isZero();
        assertThat(cat.out()).contains("plain 0", "with, comma 1");
        Cli.Result catCsv = Cli.run("cat", "-n", "1", inputs.resolve("data.csv").toString());
        assertThat(catCsv.exit()).as(catCsv.toString()).isZero();
        assertThat(catCsv.out()).contains("plain 0");
    }

    @Test
    void aServerAsInputWritesParquet() throws Exception {
        Path out = dir.resolve("from-server.parquet");
        try (ServeProcess serve = ServeProcess.start("serve", inputs.resolve("data.arrow").toString(), "--listen",
                "tcp://127.0.0.1:0", "--once")) {
            Cli.Result convert = Cli.run("convert", serve.endpoint(), out.toString());
            assertThat(convert.exit()).as(convert.toString()).isZero();
            assertThat(serve.exitCode()).isZero();
        }
        assertSameRows(read(out, "parquet"));
        assertDuckDbReads(out, "parquet");
        // serve takes a Parquet (or CSV) file too, sent as an IPC stream.
        Path csv = dir.resolve("from-server.csv");
        try (ServeProcess serve = ServeProcess.start("serve", inputs.resolve("data.parquet").toString(), "--listen",
                "tcp://127.0.0.1:0", "--once")) {
            Cli.Result convert = Cli.run("convert", serve.endpoint(), csv.toString());
            assertThat(convert.exit()).as(convert.toString()).isZero();
            assertThat(serve.exitCode()).isZero();
        }
        assertSameRows(read(csv, "csv"));
        assertDuckDbReads(csv, "csv");
    }
}
