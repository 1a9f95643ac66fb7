package dev.lightstream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.integration.Comparison;
import dev.lightstream.integration.IntegrationComparator;
import dev.lightstream.integration.IntegrationData;
import dev.lightstream.integration.IntegrationJsonFile;
import dev.lightstream.integration.IntegrationJsonReader;
import dev.lightstream.integration.IntegrationTester;
import dev.lightstream.integration.IpcContent;
import dev.lightstream.ipc.ArrowFileWriter;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.ipc.CompressionType;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stream features the gold corpus lacks, against Arrow Java and Arrow JS: dictionary deltas and
 * replacements, the legacy (pre-0.15) encapsulation, and bodies we compress.
 */
@Timeout(120)
class StreamFeaturesCrossCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DataType.Dictionary CITY = DataType.dictionary(DataType.INT32, DataType.UTF8);
    private static final Schema SHARED = Schema.of(
            Field.nullable("city", CITY).withDictionaryId(0), Field.nullable("again", CITY).withDictionaryId(0));

    @TempDir
    Path dir;

    private BufferAllocator allocator;
    private final List<MemoryBlock> blocks = new ArrayList<>();

    @BeforeAll
    static void installArrowJs() throws IOException {
        if (Node.available()) {
            Node.install(Node.scripts());
        }
    }

    @BeforeEach
    void open() {
        allocator = BufferAllocator.create();
    }

    @AfterEach
    void close() {
        blocks.forEach(MemoryBlock::release);
        allocator.close();
    }

    private RecordBatch batch(ArrayData dictionary, Integer... indices) {
        ArrayData column = TestArrays.dictionary(CITY, dictionary, allocator, blocks, indices);
        return RecordBatch.of(SHARED, Array.of(column), Array.of(column));
    }

    private static JsonNode canonical(IntegrationData data) throws IOException {
        return MAPPER.readTree(MAPPER.writeValueAsString(CanonicalJson.of(data)));
    }

    /**
     * One stream with a dictionary sent once, reused, grown by a delta and then replaced, shared by
     * two fields: every reader must decode every batch with the dictionary in force for it.
     */
    @Test
    void deltaAndReplacementDictionaries() throws Exception {
        ArrayData first = TestArrays.utf8(allocator, blocks, "Paris", "Oslo");
        ArrayData extended = TestArrays.utf8(allocator, blocks, "Paris", "Oslo", "Lima");
        ArrayData other = TestArrays.utf8(allocator, blocks, "Rome", null);
        List<RecordBatch> batches = List.of(batch(first, 0, 1, null), batch(first, 1, 1, 0),
                batch(extended, 2, 0, 1), batch(other, 0, 1, 0));
        Path stream = dir.resolve("dictionaries.stream");
        try (ArrowStreamWriter writer = new ArrowStreamWriter(FileChannel.open(stream, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), SHARED, allocator)) {
            for (RecordBatch b : batches) {
                writer.write(b);
            }
        }
        JsonNode expected = canonical(new IntegrationData(SHARED, Map.of(), batches));
        List<List<String>> expectedStrings = new ArrayList<>();
        for (RecordBatch b : batches) {
            List<String> values = new ArrayList<>();
            for (Array column : b.columns()) {
                for (int i = 0; i < column.length(); i++) {
                    values.add((String) column.getObject(i));
                }
            }
            expectedStrings.add(values);
        }
        assertThat(expectedStrings.get(2)).containsExactly("Lima", "Paris", "Oslo", "Lima", "Paris", "Oslo");

        // We read it back.
        try (IpcContent ours = IpcContent.readStream(stream, allocator)) {
            assertThat(CanonicalJson.firstDifference(expected, canonical(
                    new IntegrationData(ours.schema(), Map.of(), ours.batches())), "$")).isNull();
        }
        // Arrow Java reads it: deltas and replacements applied.
        assertThat(ArrowJava.decodedDictionaryColumns(stream)).isEqualTo(expectedStrings);

        if (Node.available()) {
            // Arrow JS reads it.
            Node.Result read = Node.run("dump.mjs", stream);
            assertThat(read.exit()).as(read.err()).isZero();
            assertThat(CanonicalJson.firstDifference(expected, MAPPER.readTree(read.out()).get(0), "$")).isNull();
            // Arrow JS writes it back (its own dictionary messages), and we read that.
            Path theirs = dir.resolve("arrow_js.stream");
            Node.Result rewrite = Node.run("dump.mjs", "--rewrite", stream, theirs);
            assertThat(rewrite.exit()).as(rewrite.err()).isZero();
            try (IpcContent back = IpcContent.readStream(theirs, allocator)) {
                assertThat(CanonicalJson.firstDifference(expected, canonical(
                        new IntegrationData(back.schema(), Map.of(), back.batches())), "$")).isNull();
            }
        }
    }

    /** Gold streams rewritten in the legacy encapsulation, read by us, Arrow Java and Arrow JS. */
    @ParameterizedTest
    @ValueSource(strings = {"primitive", "nested", "dictionary", "union", "binary_view"})
    void legacyEncapsulation(String name) throws Exception {
        GoldCase c = new GoldCase(dev.lightstream.testing.ArrowTestingData.integration().resolve("cpp-21.0.0")
                .resolve("generated_" + name));
        Path legacy = dir.resolve(name + ".legacy.stream");
        Files.write(legacy, LegacyFraming.of(Files.readAllBytes(c.stream())));
        assertThat(Files.size(legacy)).isLessThan(Files.size(c.stream()));

        Comparison ours = IntegrationTester.validate(c.json(), legacy, IntegrationComparator.strict(), allocator);
        assertThat(ours.isEqual()).as("%s", ours).isTrue();

        ArrowJava.validate(ArrowJava.plainJson(c.json(), dir), legacy, true);

        if (Node.available()) {
            JsonNode expected;
            try (IntegrationJsonFile json = IntegrationJsonReader.read(c.json(), allocator)) {
                expected = canonical(json.data());
            }
            Node.Result r = Node.run("dump.mjs", legacy);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(CanonicalJson.firstDifference(expected, MAPPER.readTree(r.out()).get(0), "$")).isNull();
        }
    }

    /**
     * Files whose bodies we compress: we read them back equal to the JSON. Neither peer can be
     * asked here: Arrow Java's codecs are in arrow-compression (not a dependency of this project)
     * and Arrow JS 21 ships none; both refuse the file, as asserted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"LZ4_FRAME", "ZSTD"})
    void bodiesWeCompress(String codec) throws Exception {
        GoldCase c = new GoldCase(dev.lightstream.testing.ArrowTestingData.integration().resolve("cpp-21.0.0")
                .resolve("generated_nested"));
        Path file = dir.resolve("compressed.arrow_file");
        try (IntegrationJsonFile json = IntegrationJsonReader.read(c.json(), allocator);
                ArrowFileWriter writer = new ArrowFileWriter(FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE), json.schema(), allocator,
                        IpcWriteOptions.DEFAULT.withCompression(CompressionType.valueOf(codec)))) {
            for (RecordBatch b : json.batches()) {
                writer.write(b);
            }
        }
        Comparison ours = IntegrationTester.validate(c.json(), file, IntegrationComparator.strict(), allocator);
        assertThat(ours.isEqual()).as("%s", ours).isTrue();

        Path json = ArrowJava.plainJson(c.json(), dir);
        new KnownFailure(codec, "arrow-compression is not on the class path",
                "Please add arrow-compression module to use CommonsCompressionFactory for " + codec)
                .assertFails(() -> ArrowJava.validate(json, file, false));
        if (Node.available()) {
            Node.Result r = Node.run("dump.mjs", file);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("Record batch is compressed but codec not found");
        }
    }
}
