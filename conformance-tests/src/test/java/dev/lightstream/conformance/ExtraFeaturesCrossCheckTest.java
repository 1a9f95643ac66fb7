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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The types the gold corpus lacks (float16, decimal64, list views), written by us as integration
 * JSON and as IPC, against Arrow Java and Arrow JS in both directions; the JSON is the judge.
 */
@Timeout(120)
class ExtraFeaturesCrossCheckTest {
    private static final String NO_FLOAT16_JSON = "Arrow Java 19's JsonFileReader has no float16 (FLOAT2) reader";
    private static final String NO_DECIMAL64 = "Arrow Java 19 has no 32- or 64-bit decimal vector";
    private static final String NO_LIST_VIEW = "Arrow JS 21 has no list view types";

    /** Cases Arrow Java cannot validate against the JSON, in our file or stream. */
    static final Map<ExtraCase, KnownFailure> ARROW_JAVA_CANNOT_READ = Map.of(
            ExtraCase.FLOAT16, known(ExtraCase.FLOAT16, NO_FLOAT16_JSON, "Cannot read array of type FLOAT2"),
            ExtraCase.DECIMAL64, known(ExtraCase.DECIMAL64, NO_DECIMAL64 + ": its reader refuses the type",
                    "Library only supports 128-bit and 256-bit decimal values"));

    /** Cases whose JSON Arrow Java does not write as an IPC file of the same data. */
    static final Map<ExtraCase, KnownFailure> ARROW_JAVA_CANNOT_WRITE = Map.of(
            ExtraCase.FLOAT16, known(ExtraCase.FLOAT16, NO_FLOAT16_JSON, "Cannot read array of type FLOAT2"),
            ExtraCase.DECIMAL64, known(ExtraCase.DECIMAL64, NO_DECIMAL64 + ": its JsonFileReader reads the values into"
                    + " 16-byte slots and its writer writes them under a decimal64 type (silently)",
                    "VALUE at f0, batch 0, row 2: expected -0.001 but was 0.000"));

    /** Cases Arrow JS does not read as the JSON says. */
    static final Map<ExtraCase, KnownFailure> ARROW_JS_CANNOT_READ = listViews("Unrecognized type: \"");

    /** Cases Arrow JS does not rewrite as a stream of the same data. */
    static final Map<ExtraCase, KnownFailure> ARROW_JS_CANNOT_WRITE = listViews("Unrecognized type: \"");

    private static KnownFailure known(ExtraCase c, String reason, String symptom) {
        return new KnownFailure(c.caseName(), reason, symptom);
    }

    private static Map<ExtraCase, KnownFailure> listViews(String symptom) {
        return Map.of(ExtraCase.LIST_VIEW, known(ExtraCase.LIST_VIEW, NO_LIST_VIEW, symptom + "ListView\""),
                ExtraCase.LARGE_LIST_VIEW, known(ExtraCase.LARGE_LIST_VIEW, NO_LIST_VIEW, symptom + "LargeListView\""),
                ExtraCase.LIST_VIEW_OF_STRUCT, known(ExtraCase.LIST_VIEW_OF_STRUCT, NO_LIST_VIEW, symptom + "ListView\""));
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

    private record Written(Path json, Path file, Path stream) {}

    private Written write(ExtraCase c) throws IOException {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            Path json = c.writeJson(dir, allocator);
            Path file = dir.resolve(c.caseName() + ".arrow_file");
            Path stream = dir.resolve(c.caseName() + ".stream");
            IntegrationTester.jsonToArrow(json, file, allocator);
            IntegrationTester.fileToStream(file, stream, allocator);
            return new Written(json, file, stream);
        }
    }

    private static void weValidate(Path json, Path ipc) throws IOException {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            Comparison result = IntegrationTester.validate(json, ipc, IntegrationComparator.strict(), allocator);
            assertThat(result.isEqual()).as("our VALIDATE of %s: %s", ipc.getFileName(), result).isTrue();
        }
    }

    private static void check(ExtraCase c, Map<ExtraCase, KnownFailure> known, KnownFailure.Step step) throws Exception {
        KnownFailure failure = known.get(c);
        if (failure != null) {
            failure.assertFails(step);
        } else {
            step.run();
        }
    }

    @ParameterizedTest
    @EnumSource(ExtraCase.class)
    void weReadWhatWeWrite(ExtraCase c) throws Exception {
        Written w = write(c);
        weValidate(w.json(), w.file());
        weValidate(w.json(), w.stream());
    }

    @ParameterizedTest
    @EnumSource(ExtraCase.class)
    void arrowJavaReadsOurs(ExtraCase c) throws Exception {
        Written w = write(c);
        check(c, ARROW_JAVA_CANNOT_READ, () -> {
            ArrowJava.validate(w.json(), w.file(), false);
            ArrowJava.validate(w.json(), w.stream(), true);
        });
    }

    @ParameterizedTest
    @EnumSource(ExtraCase.class)
    void weReadWhatArrowJavaWrites(ExtraCase c) throws Exception {
        Written w = write(c);
        Path theirs = dir.resolve("arrow_java.arrow_file");
        check(c, ARROW_JAVA_CANNOT_WRITE, () -> {
            ArrowJava.jsonToArrow(w.json(), theirs);
            weValidate(w.json(), theirs);
        });
    }

    @ParameterizedTest
    @EnumSource(ExtraCase.class)
    void arrowJsReadsOurs(ExtraCase c) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Node.available(), "no node: see ArrowJsCrossCheckTest");
        Written w = write(c);
        JsonNode expected;
        try (BufferAllocator allocator = BufferAllocator.create();
                IntegrationJsonFile json = IntegrationJsonReader.read(w.json(), allocator)) {
            expected = MAPPER.readTree(MAPPER.writeValueAsString(CanonicalJson.of(json.data())));
        }
        check(c, ARROW_JS_CANNOT_READ, () -> {
            Node.Result r = Node.run("dump.mjs", w.file(), w.stream());
            assertThat(r.exit()).as("Arrow JS reading %s: %s", c, r.err()).isZero();
            JsonNode actual = MAPPER.readTree(r.out());
            assertThat(CanonicalJson.firstDifference(expected, actual.get(0), "$")).as("%s file", c).isNull();
            assertThat(CanonicalJson.firstDifference(expected, actual.get(1), "$")).as("%s stream", c).isNull();
        });
    }

    @ParameterizedTest
    @EnumSource(ExtraCase.class)
    void weReadWhatArrowJsWrites(ExtraCase c) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Node.available(), "no node: see ArrowJsCrossCheckTest");
        Written w = write(c);
        Path theirs = dir.resolve("arrow_js.stream");
        check(c, ARROW_JS_CANNOT_WRITE, () -> {
            Node.Result r = Node.run("dump.mjs", "--rewrite", w.file(), theirs);
            assertThat(r.exit()).as("Arrow JS rewriting %s: %s", c, r.err()).isZero();
            weValidate(w.json(), theirs);
        });
    }
}
