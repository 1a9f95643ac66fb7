package dev.lightstream.integration;

import static dev.lightstream.integration.JsonDocs.array;
import static dev.lightstream.integration.JsonDocs.num;
import static dev.lightstream.integration.JsonDocs.object;
import static dev.lightstream.integration.JsonDocs.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.integration.Difference.Kind;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A gold file against a copy with one thing changed: the comparator reports exactly that change,
 * with its kind, field path, batch and row.
 */
@Timeout(30)
class MutationTest {
    private LeakCheckingAllocator allocator;

    @BeforeEach
    void open() {
        allocator = BufferAllocator.leakChecking();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    /** Reads a gold case as is and as altered by {@code mutation}, and compares them. */
    private Comparison compareWithMutated(String name, Consumer<JsonValue> mutation) throws Exception {
        JsonValue original = JsonDocs.parse(GoldFiles.of("cpp-21.0.0", name));
        JsonValue mutated = JsonDocs.parse(GoldFiles.of("cpp-21.0.0", name));
        mutation.accept(mutated);
        try (IntegrationJsonFile expected = IntegrationJsonReader.decode(original, allocator);
                IntegrationJsonFile actual = IntegrationJsonReader.decode(mutated, allocator)) {
            assertThat(IntegrationComparator.strict().compare(expected.data(), expected.data()).isEqual()).isTrue();
            return IntegrationComparator.strict().compare(expected.data(), actual.data());
        }
    }

    @Test
    void oneValueChanged() throws Exception {
        Comparison result = compareWithMutated("primitive",
                doc -> array(doc, "batches", 1, "columns", 8, "DATA").elements().set(2, str("-518015357")));
        assertThat(result.differences()).containsExactly(new Difference(Kind.VALUE, "int64_nullable", 1, 2,
                "expected -518015356 but was -518015357"));
        assertThat(result.toString()).isEqualTo(
                "1 difference(s):\n  VALUE at int64_nullable, batch 1, row 2: expected -518015356 but was -518015357");
    }

    @Test
    void oneNullFlipped() throws Exception {
        Comparison result = compareWithMutated("primitive",
                doc -> array(doc, "batches", 1, "columns", 8, "VALIDITY").elements().set(1, num(1)));
        assertThat(result.differences()).containsExactly(new Difference(Kind.NULL, "int64_nullable", 1, 1,
                "expected null but was 2147483647"));
    }

    @Test
    void nullFlippedInsideANestedValue() throws Exception {
        // struct_nullable.f1, row 0 of batch 0, made null; and list_nullable's item 3 (row 6, element 1) made null.
        Comparison result = compareWithMutated("nested", doc -> {
            array(doc, "batches", 0, "columns", 2, "children", 0, "VALIDITY").elements().set(0, num(0));
            array(doc, "batches", 0, "columns", 0, "children", 0, "VALIDITY").elements().set(3, num(0));
        });
        assertThat(result.differences()).containsExactly(
                new Difference(Kind.NULL, "list_nullable[1]", 0, 6, "expected 479377852 but was null"),
                new Difference(Kind.NULL, "struct_nullable.f1", 0, 0, "expected -2147483648 but was null"));
    }

    @Test
    void oneMetadataKeyChanged() throws Exception {
        Comparison result = compareWithMutated("custom_metadata", doc -> {
            JsonValue.Obj entry = object(doc, "schema", "fields", 0, "metadata", 0);
            entry.members().put("key", str("pandaz"));
        });
        assertThat(result.differences()).containsExactly(new Difference(Kind.FIELD_METADATA, "sort_of_pandas", -1, -1,
                "key 'pandas' missing; unexpected key 'pandaz'"));
    }

    @Test
    void schemaMetadataValueChanged() throws Exception {
        Comparison result = compareWithMutated("custom_metadata",
                doc -> object(doc, "schema", "metadata", 1).members().put("value", str("{\"x\": 1}")));
        assertThat(result.differences()).containsExactly(new Difference(Kind.SCHEMA_METADATA, "", -1, -1,
                "key 'schema_custom_1': expected '{}' but found '{\"x\": 1}'"));
    }

    @Test
    void oneDictionaryValueChanged() throws Exception {
        // Dictionary 0 value 2 "jhak1rp" becomes "jhak1rq" (same length: the offsets stay valid).
        Comparison result = compareWithMutated("dictionary",
                doc -> array(doc, "dictionaries", 0, "data", "columns", 0, "DATA").elements().set(2, str("jhak1rq")));
        List<Difference> differences = result.differences();
        assertThat(differences.getFirst()).isEqualTo(new Difference(Kind.DICTIONARY, "dictionary 0", -1, 2,
                "expected \"jhak1rp\" but was \"jhak1rq\""));
        // And every valid row whose index is 2 decodes differently; row 0 of batch 0 is one.
        assertThat(differences).contains(new Difference(Kind.VALUE, "dict0", 0, 0,
                "expected \"jhak1rp\" but was \"jhak1rq\""));
        assertThat(differences).allMatch(d -> d.kind() == Kind.DICTIONARY || d.path().equals("dict0"));
    }

    @Test
    void fieldTypeAndNameChanges() throws Exception {
        Comparison result = compareWithMutated("nested", doc -> {
            object(doc, "schema", "fields", 2, "children", 0).members().put("name", str("g1"));
            object(doc, "batches", 0, "columns", 2, "children", 0).members().put("name", str("g1"));
            object(doc, "schema", "fields", 0).members().put("nullable", JsonValue.Bool.FALSE);
        });
        assertThat(result.differences()).containsExactly(
                new Difference(Kind.SCHEMA, "list_nullable", -1, -1, "expected nullable=true but found false"),
                new Difference(Kind.SCHEMA, "struct_nullable.f1", -1, -1, "expected name 'f1' but found 'g1'"));
    }

    @Test
    void batchCountAndRowCount() throws Exception {
        Comparison fewer = compareWithMutated("primitive", doc -> array(doc, "batches").elements().removeFirst());
        assertThat(fewer.differences()).first()
                .isEqualTo(new Difference(Kind.BATCH_COUNT, "", -1, -1, "expected 2 batches but found 1"));
        assertThat(fewer.differences()).anyMatch(d -> d.kind() == Kind.ROW_COUNT && d.batch() == 0);
    }

    /**
     * Arrow C++ ignores the names of a map's entries, key and value fields when it compares types,
     * and the 1.0.0 gold streams of map_non_canonical rely on it: they carry canonical names where
     * their JSON does not.
     */
    @Test
    void mapChildNamesAreNotCompared() throws Exception {
        Comparison result = compareWithMutated("map", doc -> {
            JsonValue.Obj entries = object(doc, "schema", "fields", 0, "children", 0);
            entries.members().put("name", str("some_entries"));
            object(doc, "schema", "fields", 0, "children", 0, "children", 0).members().put("name", str("some_key"));
            object(doc, "schema", "fields", 0, "children", 0, "children", 1).members().put("name", str("some_value"));
            for (JsonValue batch : array(doc, "batches").elements()) {
                object(batch, "columns", 0, "children", 0).members().put("name", str("some_entries"));
                object(batch, "columns", 0, "children", 0, "children", 0).members().put("name", str("some_key"));
                object(batch, "columns", 0, "children", 0, "children", 1).members().put("name", str("some_value"));
            }
        });
        assertThat(result.differences()).isEmpty();
        // The map field's own name still counts.
        Comparison renamed = compareWithMutated("map", doc -> {
            object(doc, "schema", "fields", 0).members().put("name", str("other_map"));
            for (JsonValue batch : array(doc, "batches").elements()) {
                object(batch, "columns", 0).members().put("name", str("other_map"));
            }
        });
        assertThat(renamed.differences()).containsExactly(new Difference(Kind.SCHEMA, "map_nullable", -1, -1,
                "expected name 'map_nullable' but found 'other_map'"));
    }

    /**
     * Dictionaries are matched through the fields that use them, not by id: Arrow C++ 1.0.0
     * renumbered nested dictionaries in its IPC files, and archery does not compare ids.
     */
    @Test
    void dictionariesAreMatchedByFieldNotById() throws Exception {
        Consumer<JsonValue> renumber = doc -> {
            object(doc, "schema", "fields", 0, "dictionary").members().put("id", num(7));
            object(doc, "dictionaries", 0).members().put("id", num(7));
        };
        assertThat(compareWithMutated("dictionary", renumber).differences()).isEmpty();

        Comparison changed = compareWithMutated("dictionary", renumber.andThen(
                doc -> array(doc, "dictionaries", 0, "data", "columns", 0, "DATA").elements().set(2, str("jhak1rq"))));
        assertThat(changed.differences().getFirst()).isEqualTo(new Difference(Kind.DICTIONARY,
                "dictionary 0 (id 7 in actual)", -1, 2, "expected \"jhak1rp\" but was \"jhak1rq\""));
    }
}
