package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.ipc.IpcMessage;
import dev.lightstream.ipc.StreamDecoder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code lightstream convert}: file and stream in every direction, stdin and stdout, dictionaries, compression. */
@Timeout(120)
class ConvertCommandTest {
    @TempDir
    Path dir;

    static Stream<Path> goldenCases() {
        return Golden.cases().stream();
    }

    /** Equal schemas (dictionary ids included) and equal batches, one by one. */
    static void assertSameContent(Golden.Content expected, Golden.Content actual, String where) {
        assertThat(actual.schema()).as(where + " schema").isEqualTo(expected.schema());
        assertThat(actual.batches()).as(where + " batches").hasSameSizeAs(expected.batches());
        ArrayEquality equality = ArrayEquality.defaults().withDictionaryIds(true);
        for (int i = 0; i < expected.batches().size(); i++) {
            assertThat(equality.compare(expected.batches().get(i), actual.batches().get(i)))
                    .as(where + " batch " + i).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("goldenCases")
    void fileToStreamToFileKeepsEveryValue(Path base) throws Exception {
        String name = Golden.name(base);
        Path stream = dir.resolve("a.arrows");
        Path file = dir.resolve("b.arrow");
        Cli.Result toStream = Cli.run("convert", Golden.file(base).toString(), stream.toString());
        assertThat(toStream.exit()).as(toStream.toString()).isZero();
        Cli.Result toFile = Cli.run("convert", stream.toString(), file.toString());
        assertThat(toFile.exit()).as(toFile.toString()).isZero();
        assertThat(toStream.stdout()).isEmpty();
        assertThat(toFile.err()).isEmpty();
        try (BufferAllocator allocator = BufferAllocator.create();
             Golden.Content original = Golden.readFile(Golden.file(base), allocator);
             Golden.Content viaStream = Golden.readStream(stream, allocator);
             Golden.Content back = Golden.readFile(file, allocator)) {
            assertSameContent(original, viaStream, name + " as a stream");
            assertSameContent(original, back, name + " back as a file");
        }
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void stdinToStdoutThroughAPipe() throws Exception {
        Path base = Golden.cases().stream().filter(p -> p.toString().contains("1.0.0-littleendian/generated_nested"))
                .findFirst().orElseThrow();
        byte[] input = Files.readAllBytes(Golden.stream(base));
        Cli.Result result = Cli.withStdin(input, "convert", "-", "-");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        try (BufferAllocator allocator = BufferAllocator.create();
             Golden.Content expected = Golden.readStream(Golden.stream(base), allocator);
             Golden.Content actual = IpcFiles.readStream(result.stdout(), allocator)) {
            assertSameContent(expected, actual, "stdin to stdout");
        }
        // Nothing but the stream on stdout: the same bytes as written to a path.
        Path viaPath = dir.resolve("via.arrows");
        assertThat(Cli.withStdin(input, "convert", "-", viaPath.toString()).exit()).isZero();
        assertThat(result.stdout()).isEqualTo(Files.readAllBytes(viaPath));
        // A file on stdin, a file to stdout when asked.
        Cli.Result asFile = Cli.withStdin(Files.readAllBytes(Golden.file(base)), "convert", "--to", "file", "-", "-");
        assertThat(asFile.exit()).isZero();
        Path written = Files.write(dir.resolve("out.arrow"), asFile.stdout());
        try (BufferAllocator allocator = BufferAllocator.create();
             Golden.Content expected = Golden.readFile(Golden.file(base), allocator);
             Golden.Content actual = Golden.readFile(written, allocator)) {
            assertSameContent(expected, actual, "file on stdin to a file on stdout");
        }
    }

    @Test
    void formatsAreChosenByExtensionOrForced() throws Exception {
        Path source = Golden.file(Golden.cases().getFirst());
        for (String name : List.of("x.arrow", "x.arrow_file", "x.feather", "x.ARROW")) {
            assertThat(Cli.run("convert", source.toString(), dir.resolve(name).toString()).exit()).isZero();
            assertThat(head(dir.resolve(name))).as(name).isEqualTo("ARROW1");
        }
        for (String name : List.of("x.arrows", "x.stream")) {
            assertThat(Cli.run("convert", source.toString(), dir.resolve(name).toString()).exit()).isZero();
            assertThat(head(dir.resolve(name))).as(name).isNotEqualTo("ARROW1");
        }
        assertThat(Cli.run("convert", "--to", "file", source.toString(), dir.resolve("forced.bin").toString()).exit())
                .isZero();
        assertThat(head(dir.resolve("forced.bin"))).isEqualTo("ARROW1");
        Cli.Result unknown = Cli.run("convert", source.toString(), dir.resolve("x.bin").toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.errLines().getFirst()).contains("cannot tell the format of").contains("--to");
        assertThat(dir.resolve("x.bin")).doesNotExist();
    }

    private static String head(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        return new String(bytes, 0, Math.min(6, bytes.length), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    // ---- dictionaries ---------------------------------------------------------------------

    private static final DataType.Dictionary CITY = DataType.dictionary(DataType.INT32, DataType.UTF8);
    private static final Schema CITIES = Schema.of(Field.nullable("city", CITY).withDictionaryId(7));

    /** A stream of three batches whose dictionary is sent, then extended by a delta, then as given. */
    private static byte[] dictionaryStream(String... third) throws IOException {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            List<MemoryBlock> blocks = new ArrayList<>();
            ArrayData first = TestArrays.utf8(allocator, blocks, "Oslo", "Lima");
            ArrayData extended = TestArrays.utf8(allocator, blocks, "Oslo", "Lima", "Rome");
            ArrayData last = TestArrays.utf8(allocator, blocks, third);
            List<RecordBatch> batches = List.of(
                    RecordBatch.of(CITIES, Array.of(TestArrays.dictionary(CITY, first, allocator, blocks, 0, 1, null))),
                    RecordBatch.of(CITIES, Array.of(TestArrays.dictionary(CITY, extended, allocator, blocks, 2, 0))),
                    RecordBatch.of(CITIES, Array.of(TestArrays.dictionary(CITY, last, allocator, blocks, 0))));
            try {
                return IpcFiles.streamBytes(CITIES, batches, allocator);
            } finally {
                blocks.forEach(MemoryBlock::release);
            }
        }
    }

    /**
     * The dictionary messages of a stream up to its end marker, as "dictionary id size" or
     * "dictionary id delta size", and its batches' values.
     */
    private static List<String> messages(byte[] stream) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferAllocator allocator = BufferAllocator.create();
             StreamDecoder decoder = new StreamDecoder(allocator)) {
            ByteBuffer in = ByteBuffer.wrap(stream);
            IpcMessage message;
            while ((message = decoder.decode(in)) != null && !(message instanceof IpcMessage.EndOfStream)) {
                switch (message) {
                    case IpcMessage.DictionaryBatch d -> out.add("dictionary " + d.id() + (d.isDelta() ? " delta " : " ")
                            + d.dictionary().length());
                    case IpcMessage.RecordBatchMessage b -> {
                        try (RecordBatch batch = b.batch()) {
                            List<Object> values = new ArrayList<>();
                            for (int i = 0; i < batch.rowCount(); i++) {
                                values.add(batch.column(0).getObject(i));
                            }
                            out.add(values.toString());
                        }
                    }
                    default -> { }
                }
            }
        }
        return out;
    }

    @Test
    void deltasAreCarriedOverStreamToStreamAndStreamToFile() throws Exception {
        byte[] input = dictionaryStream("Oslo", "Lima", "Rome");
        List<String> expected = List.of("dictionary 7 2", "[Oslo, Lima, null]", "dictionary 7 delta 3", "[Rome, Oslo]",
                "[Oslo]");
        assertThat(messages(input)).isEqualTo(expected);

        Cli.Result stream = Cli.withStdin(input, "convert", "-", "-");
        assertThat(stream.exit()).isZero();
        assertThat(messages(stream.stdout())).isEqualTo(expected);

        Path file = dir.resolve("delta.arrow");
        assertThat(Cli.withStdin(input, "convert", "-", file.toString()).exit()).isZero();
        // A file holds a stream after its 8-byte header: the delta is in it.
        byte[] bytes = Files.readAllBytes(file);
        assertThat(messages(Arrays.copyOfRange(bytes, 8, bytes.length))).isEqualTo(expected);
        Cli.Result table = Cli.run("cat", file.toString());
        assertThat(table.out().lines().skip(3).toList()).containsExactly("Oslo", "Lima", "null", "Rome", "Oslo",
                "Oslo", "(6 rows)");
    }

    @Test
    void aReplacedDictionaryCanBeAStreamButNotAFile() throws Exception {
        byte[] input = dictionaryStream("Paris");
        assertThat(messages(input)).contains("dictionary 7 1");

        Cli.Result stream = Cli.withStdin(input, "convert", "-", "-");
        assertThat(stream.exit()).isZero();
        assertThat(messages(stream.stdout())).isEqualTo(messages(input));

        Path file = dir.resolve("replaced.arrow");
        Cli.Result refused = Cli.withStdin(input, "convert", "-", file.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.errLines()).singleElement().asString()
                .startsWith("lightstream: dictionary id 7").contains("replacements");
        assertThat(file).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    // ---- compression and failures -----------------------------------------------------------

    @Test
    void compressionShrinksTheOutputAndKeepsTheValues() throws Exception {
        Schema schema = Schema.of(Field.of("n", DataType.INT64));
        long[] values = new long[200_000];
        Arrays.setAll(values, i -> i % 10);
        Path plain = dir.resolve("plain.arrow");
        try (BufferAllocator allocator = BufferAllocator.create()) {
            RecordBatch batch = RecordBatch.of(schema, Int64Array.of(allocator, values));
            IpcFiles.writeFile(plain, schema, List.of(batch), allocator);
        }
        for (String codec : List.of("zstd", "lz4", "ZSTD")) {
            Path out = dir.resolve(codec + ".arrows");
            Cli.Result result = Cli.run("convert", "--compression", codec, plain.toString(), out.toString());
            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(Files.size(out)).as(codec).isLessThan(Files.size(plain) / 10);
            try (BufferAllocator allocator = BufferAllocator.create();
                 Golden.Content expected = Golden.readFile(plain, allocator);
                 Golden.Content actual = Golden.readStream(out, allocator)) {
                assertSameContent(expected, actual, codec);
            }
        }
        assertThat(Cli.run("convert", "--compression", "gzip", plain.toString(), dir.resolve("g.arrows").toString())
                .exit()).isEqualTo(2);
    }

    @Test
    void aFailedConversionLeavesNoOutput() throws Exception {
        Path source = Golden.stream(Golden.cases().getFirst());
        byte[] bytes = Files.readAllBytes(source);
        Path truncated = Files.write(dir.resolve("in.arrows"), Arrays.copyOf(bytes, bytes.length / 2));
        Path out = dir.resolve("out.arrow");
        Files.writeString(out, "previous content");
        Cli.Result result = Cli.run("convert", truncated.toString(), out.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(out).hasContent("previous content");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.arrows", "out.arrow");
        }
    }

    @Test
    void aFileConvertedOntoItself() throws Exception {
        Path base = Golden.cases().getFirst();
        Path copy = Files.copy(Golden.stream(base), dir.resolve("same.arrows"));
        Cli.Result result = Cli.run("convert", "--compression", "zstd", copy.toString(), copy.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        try (BufferAllocator allocator = BufferAllocator.create();
             Golden.Content expected = Golden.readStream(Golden.stream(base), allocator);
             Golden.Content actual = Golden.readStream(copy, allocator)) {
            assertSameContent(expected, actual, "converted onto itself");
        }
    }
}
