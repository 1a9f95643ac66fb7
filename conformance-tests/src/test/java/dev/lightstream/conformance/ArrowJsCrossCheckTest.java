package dev.lightstream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightstream.integration.Comparison;
import dev.lightstream.integration.IntegrationComparator;
import dev.lightstream.integration.IntegrationJsonFile;
import dev.lightstream.integration.IntegrationJsonReader;
import dev.lightstream.integration.IntegrationTester;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lightstream against Apache Arrow JS 21.2.0 (npm {@code apache-arrow}, run with Node), the gold
 * JSON as the judge, through {@code conformance/js/dump.mjs}:
 *
 * <ul>
 *   <li>Arrow JS reads ours: our JSON_TO_ARROW file and our FILE_TO_STREAM stream, dumped by Arrow
 *       JS as canonical JSON, equal the canonical JSON of our reading of the gold JSON;</li>
 *   <li>Arrow JS reads the gold file (as written by Arrow C++), the same way;</li>
 *   <li>we read what Arrow JS writes: Arrow JS rewrites our file as a stream, which we VALIDATE
 *       against the gold JSON.</li>
 * </ul>
 *
 * <p>The Maven suite runs a smoke of a few cases; {@code conformance/js/run.sh} runs every case
 * (system property {@code lightstream.js.full=true}). Without Node on the machine the test is
 * skipped, loudly; the npm packages are installed from the committed lock file by the test itself.
 */
@Timeout(300)
class ArrowJsCrossCheckTest {
    /** The cases of the smoke run: primitives, nesting, dictionaries (shared too), unions, time. */
    static final Set<String> SMOKE = Set.of("cpp-21.0.0/generated_primitive", "cpp-21.0.0/generated_nested",
            "cpp-21.0.0/generated_dictionary", "cpp-21.0.0/generated_union", "cpp-21.0.0/generated_datetime",
            "4.0.0-shareddict/generated_shared_dict");

    private static final String NO_REE = "Arrow JS 21 has no run-end encoded type";
    private static final String CANONICAL_MAP_NAMES = "Arrow JS renames a map's entries, key and value fields to"
            + " 'entries', 'key' and 'value' when it reads a schema (ARROW-8716)";
    private static final String BIG_ENDIAN = "Arrow JS ignores Schema.endianness and reads big-endian buffers as"
            + " little-endian";
    private static final String WRITER_SCHEMA_CHECK = "Arrow JS's writer compares each batch's schema with the"
            + " stream's, finds the schema its own reader gave the batches different, and ends the stream";

    /** Cases whose JSON_TO_ARROW file, or its FILE_TO_STREAM stream, Arrow JS does not read as the JSON says. */
    static final Map<String, KnownFailure> ARROW_JS_CANNOT_READ_OURS = KnownFailure.byLabel(KnownFailure.concat(
            new KnownFailure[] {
                new KnownFailure("cpp-21.0.0/generated_run_end_encoded", NO_REE, "Unrecognized type: \"RunEndEncoded\"")
            },
            KnownFailure.inFolders("map_non_canonical", CANONICAL_MAP_NAMES,
                    "expected \"some_entries\" but found \"entries\"", "1.0.0-bigendian", "1.0.0-littleendian")));

    /** Gold files (written by Arrow C++) that Arrow JS does not read as their JSON says. */
    static final Map<String, KnownFailure> ARROW_JS_CANNOT_READ_GOLD = KnownFailure.byLabel(KnownFailure.concat(
            new KnownFailure[] {
                new KnownFailure("cpp-21.0.0/generated_run_end_encoded", NO_REE, "Unrecognized type: \"RunEndEncoded\""),
                new KnownFailure("0.17.1/generated_union", "Arrow JS does not expect the validity buffer that unions"
                        + " carry under metadata V4", "Cannot read properties of undefined"),
                new KnownFailure("1.0.0-littleendian/generated_map_non_canonical", CANONICAL_MAP_NAMES,
                        "expected \"some_entries\" but found \"entries\"")
            },
            compressed("lz4", "uncompressible_lz4", "zstd", "uncompressible_zstd"),
            bigEndian("outside 0..", "dictionary", "dictionary_unsigned", "duplicate_fieldnames", "extension", "map",
                    "map_non_canonical", "nested", "nested_dictionary", "nested_large_offsets", "primitive",
                    "primitive_large_offsets", "recursive_nested", "union"),
            bigEndian("$.batches[", "datetime", "decimal", "decimal256", "interval", "null")));

    /** Cases where Arrow JS, rewriting our file as a stream, does not write the JSON's data. */
    static final Map<String, KnownFailure> ARROW_JS_CANNOT_WRITE = KnownFailure.byLabel(KnownFailure.concat(
            new KnownFailure[] {
                new KnownFailure("cpp-21.0.0/generated_run_end_encoded", NO_REE, "Unrecognized type: \"RunEndEncoded\"")
            },
            KnownFailure.inFolders("union", WRITER_SCHEMA_CHECK + " (the unions of the old gold cases; the next write"
                    + " fails)", "AsyncQueue is closed", "0.17.1", "1.0.0-bigendian", "1.0.0-littleendian"),
            KnownFailure.inFolders("duplicate_fieldnames", WRITER_SCHEMA_CHECK + " (two fields of one name): silently,"
                    + " with no batch written", "BATCH_COUNT: expected 1 batches but found 0",
                    "1.0.0-bigendian", "1.0.0-littleendian", "cpp-21.0.0")));

    private static KnownFailure[] compressed(String... names) {
        return java.util.Arrays.stream(names).map(n -> new KnownFailure("2.0.0-compression/generated_" + n,
                "Arrow JS 21 ships no LZ4 or ZSTD codec: an application must register one",
                "Record batch is compressed but codec not found")).toArray(KnownFailure[]::new);
    }

    private static KnownFailure[] bigEndian(String symptom, String... names) {
        return java.util.Arrays.stream(names).map(n -> new KnownFailure("1.0.0-bigendian/generated_" + n, BIG_ENDIAN,
                symptom)).toArray(KnownFailure[]::new);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void installArrowJs() throws IOException {
        if (Node.available()) {
            Node.install(Node.scripts());
        }
    }

    static List<GoldCase> cases() {
        boolean full = Boolean.getBoolean("lightstream.js.full");
        List<GoldCase> all = GoldCase.all();
        return full ? all : all.stream().filter(c -> SMOKE.contains(c.label())).toList();
    }

    /** The smoke cases and every listed case exist: a renamed gold case must not leave a dead entry. */
    @Test
    void everyNamedCaseExists() {
        List<String> labels = GoldCase.all().stream().map(GoldCase::label).toList();
        assertThat(labels).containsAll(SMOKE);
        for (Map<String, KnownFailure> list : List.of(ARROW_JS_CANNOT_READ_OURS, ARROW_JS_CANNOT_READ_GOLD,
                ARROW_JS_CANNOT_WRITE)) {
            assertThat(labels).containsAll(list.keySet());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void arrowJsReadsOurFileAndStream(GoldCase c) throws Exception {
        requireNode();
        Path ours = dir.resolve("ours.arrow_file");
        Path ourStream = dir.resolve("ours.stream");
        JsonNode expected = expected(c);
        try (BufferAllocator allocator = BufferAllocator.create()) {
            IntegrationTester.jsonToArrow(c.json(), ours, allocator);
            IntegrationTester.fileToStream(ours, ourStream, allocator);
        }
        check(c, ARROW_JS_CANNOT_READ_OURS, () -> {
            assertSameAsJson(c, expected, ours);
            assertSameAsJson(c, expected, ourStream);
        });
    }

    /**
     * The gold file against the JSON, dictionary ids aside: Arrow C++ 1.0.0 renumbered nested
     * dictionaries in its files (our own files keep the JSON's ids, checked above).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void arrowJsReadsTheGoldFile(GoldCase c) throws Exception {
        requireNode();
        JsonNode expected = withoutDictionaryIds(expected(c));
        check(c, ARROW_JS_CANNOT_READ_GOLD, () -> {
            Node.Result r = Node.run("dump.mjs", c.file());
            assertThat(r.exit()).as("%s: Arrow JS reading the gold file: %s", c, r.err()).isZero();
            JsonNode actual = withoutDictionaryIds(MAPPER.readTree(r.out()).get(0));
            assertThat(CanonicalJson.firstDifference(expected, actual, "$"))
                    .as("%s: what Arrow JS reads in the gold file against the JSON", c).isNull();
        });
    }

    /** The canonical JSON of our reading of the case's JSON, through the same parser as Node's output. */
    private static JsonNode expected(GoldCase c) throws IOException {
        try (BufferAllocator allocator = BufferAllocator.create();
                IntegrationJsonFile json = IntegrationJsonReader.read(c.json(), allocator)) {
            return MAPPER.readTree(MAPPER.writeValueAsString(CanonicalJson.of(json.data())));
        }
    }

    private static JsonNode withoutDictionaryIds(JsonNode node) {
        JsonNode copy = node.deepCopy();
        copy.findParents("indexType").forEach(d -> ((com.fasterxml.jackson.databind.node.ObjectNode) d).remove("id"));
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weReadWhatArrowJsWrites(GoldCase c) throws Exception {
        requireNode();
        Path ours = dir.resolve("ours.arrow_file");
        Path theirs = dir.resolve("arrow_js.stream");
        try (BufferAllocator allocator = BufferAllocator.create()) {
            IntegrationTester.jsonToArrow(c.json(), ours, allocator);
        }
        check(c, ARROW_JS_CANNOT_WRITE, () -> {
            Node.Result r = Node.run("dump.mjs", "--rewrite", ours, theirs);
            assertThat(r.exit()).as("%s: Arrow JS rewriting our file: %s", c, r.err()).isZero();
            try (BufferAllocator allocator = BufferAllocator.create()) {
                Comparison result = IntegrationTester.validate(c.json(), theirs,
                        IntegrationComparator.withQuirks(IntegrationTester.quirksFor(c.json())), allocator);
                assertThat(result.isEqual()).as("%s: our VALIDATE of Arrow JS's stream: %s", c, result).isTrue();
            }
        });
    }

    /** Skips the calling test, counted as skipped in the report, when there is no Node. */
    private static void requireNode() {
        Assumptions.assumeTrue(Node.available(), "SKIPPED: the Arrow JS cross-checks need Node.js, and there is none"
                + " on this machine");
    }

    private static void assertSameAsJson(GoldCase c, JsonNode expected, Path ipc) throws IOException {
        Node.Result r = Node.run("dump.mjs", ipc);
        assertThat(r.exit()).as("%s: Arrow JS reading %s: %s", c, ipc.getFileName(), r.err()).isZero();
        JsonNode actual = MAPPER.readTree(r.out()).get(0);
        assertThat(CanonicalJson.firstDifference(expected, actual, "$"))
                .as("%s: what Arrow JS reads in %s against the JSON", c, ipc.getFileName()).isNull();
    }

    private static void check(GoldCase c, Map<String, KnownFailure> known, KnownFailure.Step step) throws Exception {
        KnownFailure failure = known.get(c.label());
        if (failure != null) {
            failure.assertFails(step);
        } else {
            step.run();
        }
    }
}
