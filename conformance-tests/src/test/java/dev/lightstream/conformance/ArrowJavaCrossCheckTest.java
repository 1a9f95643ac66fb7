package dev.lightstream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.integration.Comparison;
import dev.lightstream.integration.IntegrationComparator;
import dev.lightstream.integration.IntegrationTester;
import dev.lightstream.memory.BufferAllocator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lightstream against Arrow Java 19, in both directions, over every gold case; the gold JSON is
 * the judge.
 *
 * <ul>
 *   <li>Arrow Java reads ours: our JSON_TO_ARROW file, and that file rewritten as a stream by our
 *       FILE_TO_STREAM, are validated by Arrow Java against its own reading of the JSON
 *       ({@code JsonFileReader}, {@code Validator}).</li>
 *   <li>We read Arrow Java's: Arrow Java's JSON_TO_ARROW ({@code JsonFileReader} into its
 *       {@code ArrowFileWriter}) is validated by us against our reading of the JSON.</li>
 *   <li>Arrow Java reads the gold files: for the conformance table (big-endian, V4 unions).</li>
 * </ul>
 *
 * Where Arrow Java cannot handle a case, the case is in a named list below with the reason, and
 * the test asserts that it still fails that way.
 */
@Timeout(60)
class ArrowJavaCrossCheckTest {
    private static final String[] ALL_FOLDERS = {"1.0.0-bigendian", "1.0.0-littleendian", "cpp-21.0.0"};

    private static final String V4_UNION_JSON = "Arrow Java's JsonFileReader expects TYPE_ID first in a union column"
            + " and refuses the VALIDITY that pre-1.0 unions carry in their JSON";
    private static final String DUPLICATE_NAMES = "Arrow Java's StructVector keys its children by name, so a struct"
            + " with two children of one name loses one and its JsonFileReader fails";
    private static final String NO_DECIMAL32 = "Arrow Java 19 has no 32- or 64-bit decimal vector";

    /** Cases whose JSON_TO_ARROW output (file and stream) of ours Arrow Java cannot validate. */
    static final Map<String, KnownFailure> ARROW_JAVA_CANNOT_READ_OURS = KnownFailure.byLabel(KnownFailure.concat(
            new KnownFailure[] {
                new KnownFailure("0.17.1/generated_union", V4_UNION_JSON, "Expected TYPE_ID but got VALIDITY"),
                new KnownFailure("cpp-21.0.0/generated_decimal32", NO_DECIMAL32
                        + ": its reader refuses the type", "Library only supports 128-bit and 256-bit decimal values")
            },
            KnownFailure.inFolders("duplicate_fieldnames", DUPLICATE_NAMES, "fields and children are not the same size",
                    ALL_FOLDERS)));

    /** Cases where what Arrow Java writes from the JSON is not the JSON's data (or nothing at all). */
    static final Map<String, KnownFailure> ARROW_JAVA_CANNOT_WRITE = KnownFailure.byLabel(KnownFailure.concat(
            new KnownFailure[] {
                new KnownFailure("0.17.1/generated_union", V4_UNION_JSON, "Expected TYPE_ID but got VALIDITY"),
                new KnownFailure("cpp-21.0.0/generated_decimal32", NO_DECIMAL32 + ": its JsonFileReader reads the"
                        + " values into 16-byte slots and its writer writes them under a decimal32 type, so the file"
                        + " holds other values (silently: it raises nothing)", "VALUE at f0, batch 0, row 6: expected 8.26")
            },
            KnownFailure.inFolders("duplicate_fieldnames", DUPLICATE_NAMES, "fields and children are not the same size",
                    ALL_FOLDERS),
            KnownFailure.inFolders("nested_dictionary", "Arrow Java writes the child of a list that is a dictionary's"
                    + " value type as '$data$' (its ListVector's internal name) instead of the schema's name",
                    "SCHEMA at list_dict.str_dict: expected name 'str_dict' but found '$data$'",
                    "1.0.0-bigendian", "1.0.0-littleendian")));

    private static final String BIG_ENDIAN = "Arrow Java ignores Schema.endianness and reads big-endian buffers as"
            + " little-endian: wrong values, or offsets far out of range";

    /** Gold files (as written by Arrow C++) that Arrow Java does not read as their JSON says. */
    static final Map<String, KnownFailure> ARROW_JAVA_CANNOT_READ_GOLD = KnownFailure.byLabel(KnownFailure.concat(
            new KnownFailure[] {
                new KnownFailure("0.17.1/generated_union", "Arrow Java refuses unions under metadata V4",
                        "Cannot read union with V4 metadata version"),
                new KnownFailure("cpp-21.0.0/generated_decimal32", NO_DECIMAL32,
                        "Library only supports 128-bit and 256-bit decimal values"),
                new KnownFailure("1.0.0-littleendian/generated_map_non_canonical", "the 1.0.0 .stream carries canonical"
                        + " map child names where its JSON does not, and Arrow Java compares map child names",
                        "Different schemas"),
                new KnownFailure("1.0.0-littleendian/generated_nested_dictionary", "Arrow C++ 1.0.0 renumbered nested"
                        + " dictionaries in its files, and Arrow Java's Validator compares dictionary ids",
                        "Different schemas"),
            },
            KnownFailure.inFolders("duplicate_fieldnames", DUPLICATE_NAMES, "fields and children are not the same size",
                    ALL_FOLDERS),
            KnownFailure.inFolders("nested_dictionary", "as in 1.0.0-littleendian (ids checked before values)",
                    "Different schemas", "1.0.0-bigendian"),
            bigEndian("Different values", "datetime", "decimal", "decimal256", "dictionary", "dictionary_unsigned",
                    "interval", "nested", "null", "primitive", "primitive_large_offsets", "union"),
            bigEndian("IndexOutOfBoundsException", "extension", "map", "map_non_canonical", "recursive_nested"),
            bigEndian("integer overflow", "nested_large_offsets"),
            compressed("LZ4_FRAME", "lz4", "uncompressible_lz4"),
            compressed("ZSTD", "zstd", "uncompressible_zstd")));

    private static KnownFailure[] bigEndian(String symptom, String... names) {
        return java.util.Arrays.stream(names).map(n -> new KnownFailure("1.0.0-bigendian/generated_" + n, BIG_ENDIAN, symptom))
                .toArray(KnownFailure[]::new);
    }

    private static KnownFailure[] compressed(String codec, String... names) {
        return java.util.Arrays.stream(names).map(n -> new KnownFailure("2.0.0-compression/generated_" + n,
                "Arrow Java's codecs are in arrow-compression, which this project does not depend on",
                "Please add arrow-compression module to use CommonsCompressionFactory for " + codec))
                .toArray(KnownFailure[]::new);
    }

    @TempDir
    Path dir;

    static List<GoldCase> cases() {
        return GoldCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void arrowJavaReadsOurFileAndStream(GoldCase c) throws Exception {
        Path ours = dir.resolve("ours.arrow_file");
        Path ourStream = dir.resolve("ours.stream");
        try (BufferAllocator allocator = BufferAllocator.create()) {
            IntegrationTester.jsonToArrow(c.json(), ours, allocator);
            IntegrationTester.fileToStream(ours, ourStream, allocator);
        }
        Path json = ArrowJava.plainJson(c.json(), dir);
        KnownFailure.Step step = () -> {
            ArrowJava.validate(json, ours, false);
            ArrowJava.validate(json, ourStream, true);
        };
        KnownFailure known = ARROW_JAVA_CANNOT_READ_OURS.get(c.label());
        if (known != null) {
            known.assertFails(step);
        } else {
            step.run();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weReadWhatArrowJavaWrites(GoldCase c) throws Exception {
        Path json = ArrowJava.plainJson(c.json(), dir);
        Path theirs = dir.resolve("arrow_java.arrow_file");
        KnownFailure.Step step = () -> {
            ArrowJava.jsonToArrow(json, theirs);
            try (BufferAllocator allocator = BufferAllocator.create()) {
                Comparison result = IntegrationTester.validate(c.json(), theirs,
                        IntegrationComparator.withQuirks(IntegrationTester.quirksFor(c.json())), allocator);
                assertThat(result.isEqual()).as("%s: our VALIDATE of Arrow Java's file: %s", c, result).isTrue();
            }
        };
        KnownFailure known = ARROW_JAVA_CANNOT_WRITE.get(c.label());
        if (known != null) {
            known.assertFails(step);
        } else {
            step.run();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void arrowJavaReadsTheGoldFiles(GoldCase c) throws Exception {
        Path json = ArrowJava.plainJson(c.json(), dir);
        KnownFailure.Step step = () -> {
            ArrowJava.validate(json, c.file(), false);
            ArrowJava.validate(json, c.stream(), true);
        };
        KnownFailure known = ARROW_JAVA_CANNOT_READ_GOLD.get(c.label());
        if (known != null) {
            known.assertFails(step);
        } else {
            step.run();
        }
    }

    /** Every listed case exists: a renamed or removed gold case must not leave a dead entry. */
    @Test
    void everyListedCaseExists() {
        List<String> labels = cases().stream().map(GoldCase::label).toList();
        for (Map<String, KnownFailure> list : List.of(ARROW_JAVA_CANNOT_READ_OURS, ARROW_JAVA_CANNOT_WRITE,
                ARROW_JAVA_CANNOT_READ_GOLD)) {
            assertThat(labels).containsAll(list.keySet());
        }
    }
}
