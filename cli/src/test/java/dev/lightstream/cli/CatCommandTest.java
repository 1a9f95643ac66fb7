package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code lightstream cat}: the table of a file, a stream or stdin; --limit stops reading. */
class CatCommandTest {
    private static final Schema SCHEMA = Schema.of(
            Field.of("id", DataType.INT64),
            Field.nullable("name", DataType.UTF8),
            Field.nullable("price", DataType.decimal(8, 2)),
            Field.nullable("when", DataType.timestamp(TimeUnit.MILLISECOND, "UTC")),
            Field.nullable("tags", DataType.list(DataType.INT32)),
            Field.nullable("city", DataType.dictionary(DataType.INT8, DataType.UTF8)),
            Field.nullable("point", DataType.struct(Field.of("x", DataType.FLOAT64), Field.of("y", DataType.FLOAT64))));

    @TempDir
    Path dir;

    /** Batches of three and two rows; the second batch repeats the first's dictionary values. */
    private static List<RecordBatch> batches(BufferAllocator allocator) {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
            builder.appendRow(1L, "apple", new BigDecimal("0.50"), 0L, List.of(1, 2), "Oslo", Map.of("x", 1.0, "y", 2.0));
            builder.appendRow(2L, null, new BigDecimal("-12.25"), 1_700_000_000_123L, List.of(), "Lima", null);
            builder.appendRow(3L, "tab\there", null, null, null, null, Map.of("x", -0.5, "y", 0.0));
            RecordBatch first = builder.build();
            builder.appendRow(4L, "x".repeat(100), new BigDecimal("999999.99"), 86_400_000L, Arrays.asList(null, 7),
                    "Oslo", null);
            builder.appendRow(5L, "Zürich", new BigDecimal("1.00"), null, List.of(3), "Lima", null);
            return new ArrayList<>(List.of(first, builder.build()));
        }
    }

    private Path file() throws Exception {
        try (BufferAllocator allocator = BufferAllocator.leakChecking()) {
            List<RecordBatch> batches = batches(allocator);
            try {
                return IpcFiles.writeFile(dir.resolve("t.arrow"), SCHEMA, batches, allocator);
            } finally {
                batches.forEach(RecordBatch::close);
            }
        }
    }

    private byte[] stream() throws Exception {
        try (BufferAllocator allocator = BufferAllocator.leakChecking()) {
            List<RecordBatch> batches = batches(allocator);
            try {
                return IpcFiles.streamBytes(SCHEMA, batches, allocator);
            } finally {
                batches.forEach(RecordBatch::close);
            }
        }
    }

    @Test
    void printsEveryRowOfAFileInHumanForm() throws Exception {
        Cli.Result result = Cli.run("cat", file().toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("""
                id    | name                                     | price            | when                        | tags        | city                   | point
                int64 | utf8                                     | decimal128(8, 2) | timestamp[millisecond, UTC] | list<int32> | dictionary<int8, utf8> | struct<x: float64, y: float64>
                ------+------------------------------------------+------------------+-----------------------------+-------------+------------------------+-------------------------------
                    1 | apple                                    |             0.50 | 1970-01-01 00:00:00.000Z    | [1, 2]      | Oslo                   | {"x": 1.0, "y": 2.0}
                    2 | null                                     |           -12.25 | 2023-11-14 22:13:20.123Z    | []          | Lima                   | null
                    3 | tab\\there                                |             null | null                        | null        | null                   | {"x": -0.5, "y": 0.0}
                    4 | xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… |        999999.99 | 1970-01-02 00:00:00.000Z    | [null, 7]   | Oslo                   | null
                    5 | Zürich                                   |             1.00 | null                        | [3]         | Lima                   | null
                (5 rows)
                """);
    }

    @Test
    void theSameTableFromAStreamAndFromStdin() throws Exception {
        String fromFile = Cli.run("cat", file().toString()).out();
        Path stream = Files.write(dir.resolve("t.arrows"), stream());
        assertThat(Cli.run("cat", stream.toString()).out()).isEqualTo(fromFile);
        assertThat(Cli.withStdin(stream(), "cat", "-").out()).isEqualTo(fromFile);
        // A file on stdin is read as the stream it embeds.
        assertThat(Cli.withStdin(Files.readAllBytes(file()), "cat", "-").out()).isEqualTo(fromFile);
    }

    @Test
    void limitPrintsTheFirstRowsAndSaysHowManyThereAre() throws Exception {
        Cli.Result result = Cli.run("cat", "--limit", "2", file().toString());
        assertThat(result.exit()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(3)).startsWith("    1 | apple");
        assertThat(lines.get(4)).startsWith("    2 | null");
        assertThat(lines.get(5)).isEqualTo("(2 of 5 rows)");
        // A stream has no count to tell: just that these are the first rows.
        Cli.Result fromStream = Cli.withStdin(stream(), "cat", "-n", "4", "-");
        assertThat(fromStream.out().lines().toList()).endsWith("(first 4 rows)").hasSize(8);
        assertThat(Cli.run("cat", "--limit", "0", file().toString()).out().lines().toList())
                .hasSize(4).endsWith("(0 of 5 rows)");
    }

    @Test
    void limitStopsReadingAtTheBatchThatCompletesIt() throws Exception {
        // A stream whose second batch is cut off: rows of the first batch can be shown without
        // reading further, the whole stream cannot.
        byte[] whole = stream();
        byte[] cut = Arrays.copyOf(whole, whole.length - 200);
        Cli.Result limited = Cli.withStdin(cut, "cat", "--limit", "3", "-");
        assertThat(limited.exit()).as(limited.toString()).isZero();
        assertThat(limited.out()).endsWith("(first 3 rows)\n");
        Cli.Result all = Cli.withStdin(cut, "cat", "-");
        assertThat(all.exit()).isEqualTo(1);
        assertThat(all.errLines()).singleElement().asString().startsWith("lightstream: truncated input: ");
    }

    @Test
    void widthBoundsEveryColumn() throws Exception {
        Cli.Result result = Cli.run("cat", "--width", "6", "--limit", "1", file().toString());
        assertThat(result.out().lines().toList()).containsExactly(
                "id    | name  | price  | when   | tags   | city   | point",
                "int64 | utf8  | decim… | times… | list<… | dicti… | struc…",
                "------+-------+--------+--------+--------+--------+-------",
                "    1 | apple |   0.50 | 1970-… | [1, 2] | Oslo   | {\"x\":…",
                "(1 of 5 rows)");
    }

    static Stream<Path> goldenFiles() {
        return Golden.cases().stream().flatMap(base -> Stream.of(Golden.file(base), Golden.stream(base)));
    }

    @ParameterizedTest
    @MethodSource("goldenFiles")
    void everyGoldenFileAndStreamPrintsAllItsRows(Path path) {
        Cli.Result result = Cli.run("cat", "--width", "12", path.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        List<String> lines = result.out().lines().toList();
        // One line per row between the header (names, types, rule) and the closing line.
        String last = lines.getLast();
        assertThat(last).matches("\\((no columns|\\d+ rows?)\\)|\\(\\d+ rows?\\)");
        long rows = Long.parseLong(last.replaceAll("\\D", ""));
        long headerLines = lines.getFirst().equals("(no columns)") ? 1 : 3;
        assertThat(lines.size()).isEqualTo(headerLines + rows + 1);
    }
}
