package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.testing.ArrowTestingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input exits 1 with one line on stderr and no stack trace; bad usage exits 2; stdout stays
 * empty in both cases.
 */
@Timeout(60)
class InvalidInputTest {
    @TempDir
    Path dir;

    /**
     * Exit 1, exactly one line on stderr, and no trace in it. (Stdout may hold what was printed
     * before the error: cat prints rows as it reads them.)
     */
    static void assertOneLineError(Cli.Result result, String where) {
        assertThat(result.exit()).as(where + "\n" + result).isEqualTo(1);
        // Messages may name a cause ("...: java.lang.IllegalArgumentException: Invalid UTF-8"), on the same line.
        assertThat(result.errLines()).as(where).singleElement().asString().startsWith("lightstream: ")
                .doesNotContain("\tat ").doesNotContain("Caused by");
    }

    private static Path goldenFile() {
        return Golden.cases().stream().filter(p -> p.toString().contains("1.0.0-littleendian/generated_primitive"))
                .map(Golden::file).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema", "cat", "convert"})
    void aMissingFile(String command) {
        String missing = dir.resolve("missing.arrow").toString();
        Cli.Result result = command.equals("convert") ? Cli.run(command, missing, dir.resolve("o.arrows").toString())
                : Cli.run(command, missing);
        assertOneLineError(result, command);
        assertThat(result.err()).isEqualTo("lightstream: no such file: " + missing + "\n");
    }

    @Test
    void aDirectory() {
        Cli.Result result = Cli.run("cat", dir.toString());
        assertOneLineError(result, "directory");
        assertThat(result.err()).contains("is a directory");
    }

    @Test
    void truncatedFilesAndStreamsAtEveryTenthPrefix() throws Exception {
        for (Path source : List.of(goldenFile(), Golden.stream(Golden.cases().getFirst()))) {
            byte[] bytes = Files.readAllBytes(source);
            for (int length = 0; length < bytes.length; length += Math.max(1, bytes.length / 10)) {
                Path cut = Files.write(dir.resolve("cut" + length), Arrays.copyOf(bytes, length));
                for (String command : List.of("schema", "cat")) {
                    Cli.Result result = Cli.run(command, cut.toString());
                    if (result.exit() != 0) {
                        assertOneLineError(result, command + " " + source + " cut at " + length);
                    }
                }
                // Reading everything must notice the cut.
                assertOneLineError(Cli.run("cat", cut.toString()), "cat " + source + " cut at " + length);
            }
        }
    }

    @Test
    void garbage() throws Exception {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 7, 8, 100, 10_000}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Path garbage = Files.write(dir.resolve("garbage" + size + ".arrow"), bytes);
            assertOneLineError(Cli.run("cat", garbage.toString()), "garbage of " + size + " bytes (seed 42)");
            assertOneLineError(Cli.run("convert", garbage.toString(), dir.resolve("g.arrows").toString()), "convert");
            assertOneLineError(Cli.withStdin(bytes, "schema", "-"), "stdin");
        }
        // Text that starts like a file.
        Path fake = Files.writeString(dir.resolve("fake.arrow"), "ARROW1 but nothing else of the format");
        assertOneLineError(Cli.run("schema", fake.toString()), "fake");
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }

    @Test
    void anUnknownMetadataVersionIsRefusedClearly() {
        Path v6 = ArrowTestingData.fuzz().resolve("forward-compatibility/schema_v6.arrow");
        for (String command : List.of("schema", "cat")) {
            Cli.Result result = Cli.run(command, v6.toString());
            assertOneLineError(result, command);
            assertThat(result.err()).contains("unknown metadata version").contains("V6");
        }
    }

    /** The whole ipc-fuzz corpus, all 138 files. */
    static Stream<Path> fuzzFiles() {
        return ArrowTestingData.files(ArrowTestingData.fuzz(), "").stream();
    }

    /**
     * The rows of a corpus file when the library's readers accept it whole, else -1. Two files of
     * the corpus are valid (ZSTD-compressed); every other one is malformed.
     */
    private static long rowsIfValid(Path file) {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            long rows = 0;
            if (new String(Files.readAllBytes(file), 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ARROW1")) {
                try (ArrowFileReader reader = new ArrowFileReader(file, allocator)) {
                    for (int i = 0; i < reader.batchCount(); i++) {
                        try (RecordBatch batch = reader.batch(i)) {
                            rows += batch.rowCount();
                        }
                    }
                }
            } else {
                try (ArrowStreamReader reader = new ArrowStreamReader(Files.newByteChannel(file), allocator)) {
                    for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                        try (RecordBatch batch = next) {
                            rows += batch.rowCount();
                        }
                    }
                }
            }
            return rows;
        } catch (IOException malformed) {
            return -1;
        }
    }

    @ParameterizedTest
    @MethodSource("fuzzFiles")
    @Timeout(20)
    void everyMalformedFuzzFileIsRefusedInOneLine(Path file) {
        long rows = rowsIfValid(file);
        Cli.Result cat = Cli.run("cat", "--width", "8", file.toString());
        if (rows >= 0) {
            assertThat(cat.exit()).as(cat.toString()).isZero();
            assertThat(cat.err()).isEmpty();
            assertThat(cat.out()).endsWith("(" + rows + " rows)\n");
            return;
        }
        // cat reads every batch, so it must meet what is wrong with the file: exit 1, one line.
        assertOneLineError(cat, "cat " + file);
        // schema stops after the schema, which may be intact.
        Cli.Result schema = Cli.run("schema", file.toString());
        if (schema.exit() != 0) {
            assertOneLineError(schema, "schema " + file);
            assertThat(schema.stdout()).as("schema prints nothing but the error").isEmpty();
        } else {
            assertThat(schema.err()).isEmpty();
        }
        // convert reads everything too, and must leave no output file behind.
        Path out = dir.resolve("out.arrows");
        assertOneLineError(Cli.run("convert", file.toString(), out.toString()), "convert " + file);
        assertThat(out).doesNotExist();
    }

    // ---- usage ---------------------------------------------------------------------------

    static Stream<List<String>> usageErrors() {
        return Stream.of(
                List.of(),
                List.of("nonsense"),
                List.of("cat"),
                List.of("cat", "a", "b"),
                List.of("cat", "--limit", "many", "x.arrow"),
                List.of("cat", "--limit", "-1", "x.arrow"),
                List.of("cat", "--width", "1", "x.arrow"),
                List.of("schema", "--bogus", "x.arrow"),
                List.of("schema", "--from", "xml", "x.arrow"),
                List.of("convert", "in.arrow"),
                List.of("convert", "in.arrow", "out.unknown"),
                List.of("convert", "--compression", "gzip", "in.arrow", "out.arrows"),
                List.of("demo", "--rows", "-5"),
                List.of("demo", "--batch-rows", "0"),
                List.of("loadtest", "--clients", "0"),
                List.of("loadtest", "--transport", "udp"),
                List.of("loadtest", "--phase", "sideways"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorsExit2WithAHint(List<String> args) {
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exit()).as(args + "\n" + result).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        List<String> lines = result.errLines();
        assertThat(lines.getFirst()).startsWith("lightstream: ");
        assertThat(lines.getLast()).matches("Try 'lightstream( \\w+)? --help' for more information\\.");
        assertThat(result.err()).doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema", "cat", "convert", "demo", "loadtest"})
    void everyCommandHasHelp(String command) {
        for (List<String> args : List.of(List.of(command, "--help"), List.of("help", command))) {
            Cli.Result result = Cli.run(args.toArray(String[]::new));
            assertThat(result.exit()).isZero();
            assertThat(result.out()).startsWith("Usage: lightstream " + command).contains("Exit codes:");
            assertThat(result.err()).isEmpty();
        }
        Cli.Result top = Cli.run("--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("Commands:").contains("  " + command + " ");
    }
}
