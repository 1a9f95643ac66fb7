package dev.lightstream.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.DictionaryArray;
import dev.lightstream.array.ListArray;
import dev.lightstream.array.UnionArray;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed documents raise InvalidJsonException naming the JSON path, and leave nothing allocated. */
@Timeout(60)
class MalformedJsonTest {
    /** A small valid document: int, utf8, a dictionary, a list and a dense union. */
    static final String VALID = """
            {"schema": {"fields": [
              {"name": "i", "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "nullable": true, "children": []},
              {"name": "s", "type": {"name": "utf8"}, "nullable": true, "children": []},
              {"name": "d", "type": {"name": "largeutf8"}, "nullable": true, "children": [],
               "dictionary": {"id": 0, "indexType": {"name": "int", "isSigned": true, "bitWidth": 8}, "isOrdered": false}},
              {"name": "l", "type": {"name": "list"}, "nullable": true, "children": [
                {"name": "item", "type": {"name": "int", "isSigned": true, "bitWidth": 8}, "nullable": true, "children": []}]},
              {"name": "u", "type": {"name": "union", "mode": "DENSE", "typeIds": [3, 7]}, "nullable": true, "children": [
                {"name": "a", "type": {"name": "int", "isSigned": true, "bitWidth": 16}, "nullable": true, "children": []},
                {"name": "b", "type": {"name": "bool"}, "nullable": true, "children": []}]}]},
             "dictionaries": [{"id": 0, "data": {"count": 2, "columns": [
               {"name": "DICT0", "count": 2, "VALIDITY": [1, 1], "OFFSET": ["0", "1", "3"], "DATA": ["x", "yz"]}]}}],
             "batches": [{"count": 2, "columns": [
               {"name": "i", "count": 2, "VALIDITY": [1, 0], "DATA": [7, 0]},
               {"name": "s", "count": 2, "VALIDITY": [1, 1], "OFFSET": [0, 2, 5], "DATA": ["ab", "cde"]},
               {"name": "d", "count": 2, "VALIDITY": [1, 1], "DATA": [1, 0]},
               {"name": "l", "count": 2, "VALIDITY": [1, 1], "OFFSET": [0, 2, 3], "children": [
                 {"name": "item", "count": 3, "VALIDITY": [1, 1, 0], "DATA": [1, 2, 0]}]},
               {"name": "u", "count": 2, "TYPE_ID": [3, 7], "OFFSET": [0, 0], "children": [
                 {"name": "a", "count": 1, "VALIDITY": [1], "DATA": [5]},
                 {"name": "b", "count": 1, "VALIDITY": [1], "DATA": [true]}]}]}]}
            """;

    private LeakCheckingAllocator allocator;

    @BeforeEach
    void open() {
        allocator = BufferAllocator.leakChecking();
    }

    @AfterEach
    void close() {
        allocator.close(); // also after every failed read: nothing may stay allocated
    }

    @Test
    void theTemplateIsValid() throws Exception {
        try (IntegrationJsonFile json = JsonDocs.read(VALID, allocator)) {
            var batch = json.batches().getFirst();
            assertThat(batch.column("i").getObject(0)).isEqualTo(7);
            assertThat(batch.column("i").isNull(1)).isTrue();
            assertThat(batch.column("s").getObject(1)).isEqualTo("cde");
            assertThat(((DictionaryArray) batch.column("d")).getObject(0)).isEqualTo("yz");
            assertThat(((ListArray) batch.column("l")).getObject(1)).isEqualTo(Arrays.asList((Object) null));
            assertThat(((UnionArray) batch.column("u")).getObject(1)).isEqualTo(true);
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // name, text to replace, replacement, expected path, expected words in the message
                Arguments.of("wrong type of value", "\"DATA\": [7, 0]", "\"DATA\": [\"seven\", 0]",
                        "$.batches[0].columns[0].DATA[0]", "expected an integer"),
                Arguments.of("boolean expected", "\"bitWidth\": 32}, \"nullable\": true", "\"bitWidth\": 32}, \"nullable\": \"yes\"",
                        "$.schema.fields[0].nullable", "expected a boolean"),
                Arguments.of("count mismatch", "\"VALIDITY\": [1, 0], \"DATA\": [7, 0]", "\"VALIDITY\": [1, 0], \"DATA\": [7]",
                        "$.batches[0].columns[0].DATA", "has 1 entries but 2 were expected"),
                Arguments.of("batch count mismatch", "\"batches\": [{\"count\": 2", "\"batches\": [{\"count\": 3",
                        "$.batches[0].columns[0].count", "the batch has 3"),
                Arguments.of("forged huge count", "{\"name\": \"i\", \"count\": 2", "{\"name\": \"i\", \"count\": 2147483647",
                        "$.batches[0].columns[0].VALIDITY", "2147483647 were expected"),
                Arguments.of("count beyond int", "{\"name\": \"i\", \"count\": 2", "{\"name\": \"i\", \"count\": 99999999999",
                        "$.batches[0].columns[0].count", "outside"),
                Arguments.of("forged huge offset", "\"OFFSET\": [0, 2, 5]", "\"OFFSET\": [0, 2, 2147483647]",
                        "$.batches[0].columns[1].DATA[1]", "OFFSET gives it 2147483645"),
                Arguments.of("decreasing offsets", "\"OFFSET\": [0, 2, 5]", "\"OFFSET\": [0, 2, 1]",
                        "$.batches[0].columns[1].OFFSET[2]", "less than the previous"),
                Arguments.of("unknown type name", "{\"name\": \"utf8\"}", "{\"name\": \"utf9\"}",
                        "$.schema.fields[1].type.name", "unknown type name \"utf9\""),
                Arguments.of("dictionary index out of range", "\"DATA\": [1, 0]", "\"DATA\": [2, 0]",
                        "$.batches[0].columns[2].DATA[0]", "outside dictionary 0"),
                Arguments.of("dictionary missing", "\"dictionaries\": [{\"id\": 0,", "\"dictionaries\": [], \"x\": [{\"id\": 0,",
                        "$.batches[0].columns[2]", "not in the dictionaries list"),
                Arguments.of("dictionary id nobody uses", "\"dictionaries\": [{\"id\": 0,", "\"dictionaries\": [{\"id\": 5,",
                        "$.dictionaries[0].id", "no field uses dictionary id 5"),
                Arguments.of("list offset past the child", "\"OFFSET\": [0, 2, 3]", "\"OFFSET\": [0, 2, 4]",
                        "$.batches[0].columns[3].OFFSET", "past the child's 3 values"),
                Arguments.of("undeclared union type id", "\"TYPE_ID\": [3, 7]", "\"TYPE_ID\": [3, 4]",
                        "$.batches[0].columns[4].TYPE_ID[1]", "not one of [3, 7]"),
                Arguments.of("dense union offset outside its child", "\"OFFSET\": [0, 0]", "\"OFFSET\": [0, 1]",
                        "$.batches[0].columns[4].OFFSET[1]", "outside child"),
                Arguments.of("int32 out of range", "\"DATA\": [7, 0]", "\"DATA\": [2147483648, 0]",
                        "$.batches[0].columns[0].DATA[0]", "outside"),
                Arguments.of("missing member", "{\"name\": \"i\", \"count\": 2,", "{\"name\": \"i\",",
                        "$.batches[0].columns[0]", "missing member \"count\""),
                Arguments.of("validity not 0 or 1", "\"VALIDITY\": [1, 0], \"DATA\": [7, 0]", "\"VALIDITY\": [1, 2], \"DATA\": [7, 0]",
                        "$.batches[0].columns[0].VALIDITY[1]", "expected true, false, 0 or 1"),
                Arguments.of("duplicate member", "{\"name\": \"i\", \"count\": 2,", "{\"name\": \"i\", \"name\": \"j\", \"count\": 2,",
                        "$.batches[0].columns[0].name", "Duplicate field 'name'"),
                Arguments.of("not JSON", "{\"schema\"", "{schema", "$", "Unexpected character"),
                Arguments.of("second batch malformed after the first was allocated", "]}]}\n",
                        "]}, {\"count\": 1, \"columns\": [{\"name\": \"i\", \"count\": 1, \"DATA\": [true]}]}]}\n",
                        "$.batches[1].columns", "has 1 entries but 5 were expected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void raisesInvalidJsonWithThePath(String name, String target, String replacement, String path, String words) {
        assertThat(VALID).contains(target);
        String json = VALID.replaceFirst(java.util.regex.Pattern.quote(target), java.util.regex.Matcher.quoteReplacement(replacement));
        assertThatThrownBy(() -> JsonDocs.read(json, allocator).close())
                .isInstanceOf(InvalidJsonException.class)
                .satisfies(e -> assertThat(((InvalidJsonException) e).path()).isEqualTo(path))
                .hasMessageContaining(words);
        allocator.assertNoLeaks();
    }

    @Test
    void everyTruncationIsInvalidJson() {
        byte[] bytes = VALID.strip().getBytes(StandardCharsets.UTF_8);
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> IntegrationJsonReader.read(new ByteArrayInputStream(prefix), allocator).close())
                    .as("prefix of %d bytes", length)
                    .isInstanceOf(InvalidJsonException.class);
        }
        allocator.assertNoLeaks();
    }

    @Test
    void truncatedGzipIsInvalidJson() throws Exception {
        byte[] gzip = Files.readAllBytes(GoldFiles.of("cpp-21.0.0", "primitive"));
        for (int k = 1; k <= 20; k++) {
            byte[] prefix = Arrays.copyOf(gzip, gzip.length * k / 21);
            assertThatThrownBy(() -> IntegrationJsonReader.read(new ByteArrayInputStream(prefix), allocator).close())
                    .as("gzip prefix of %d bytes", prefix.length)
                    .isInstanceOf(InvalidJsonException.class);
        }
    }

    @Test
    void forgedCountsAllocateNothingLarge() {
        String forged = VALID.replace("{\"count\": 2, \"columns\"", "{\"count\": 2000000000, \"columns\"")
                .replace("{\"name\": \"i\", \"count\": 2,", "{\"name\": \"i\", \"count\": 2000000000,");
        assertThatThrownBy(() -> JsonDocs.read(forged, allocator).close()).isInstanceOf(InvalidJsonException.class);
        assertThat(allocator.peakBytes()).isLessThan(1 << 20);
    }
}
