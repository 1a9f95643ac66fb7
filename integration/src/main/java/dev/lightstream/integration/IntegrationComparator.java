package dev.lightstream.integration;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two readings of an integration case (JSON against JSON, or JSON against what an IPC
 * reader produced) the way Arrow's archery VALIDATE step does, and reports the first differences
 * precisely: what differs, the field path, the batch and the row.
 *
 * {@snippet :
 * IntegrationComparator comparator = IntegrationComparator.withQuirks(Quirk.forGoldFolder(folder));
 * Comparison result = comparator.compare(json.data(), IntegrationData.of(schema, ipcBatches));
 * assert result.isEqual() : result;
 * }
 *
 * <p>Rules:
 * <ul>
 *   <li>field names, nullability, types (level by level) and custom metadata of the schema and
 *       of every field compare exactly (metadata as maps: order aside), except the names of a
 *       map's entries, key and value fields, which Arrow C++'s map type equality ignores (the
 *       1.0.0 gold streams of {@code map_non_canonical} carry canonical names where their JSON
 *       does not);</li>
 *   <li>dictionaries compare by the fields that use them, not by id (writers may renumber them,
 *       and archery does not compare ids): the dictionary of each dictionary-encoded field,
 *       nested ones included, must equal the one the same field uses on the other side;</li>
 *   <li>batches compare in order: their number, each one's row count, then every value;
 *       dictionary-encoded values compare by the value they decode to;</li>
 *   <li>a slot null on both sides is equal whatever lies under it; floats are equal when their
 *       bits are, and any NaN equals any NaN;</li>
 *   <li>values must be valid for their type on both sides (decimals within their precision,
 *       date64 whole days, times within a day) unless a {@link Quirk} waives it.</li>
 * </ul>
 * The comparator is immutable and thread-safe.
 */
public final class IntegrationComparator {
    /** The default number of differences after which a comparison stops. */
    public static final int DEFAULT_MAX_DIFFERENCES = 20;

    private final Set<Quirk> quirks;
    private final int maxDifferences;

    private IntegrationComparator(Set<Quirk> quirks, int maxDifferences) {
        this.quirks = quirks.isEmpty() ? EnumSet.noneOf(Quirk.class) : EnumSet.copyOf(quirks);
        if (maxDifferences < 1) {
            throw new IllegalArgumentException("maxDifferences=" + maxDifferences + " must be positive");
        }
        this.maxDifferences = maxDifferences;
    }

    /** A comparator with every validation on. */
    public static IntegrationComparator strict() {
        return new IntegrationComparator(EnumSet.noneOf(Quirk.class), DEFAULT_MAX_DIFFERENCES);
    }

    /** A comparator that waives the given validations. */
    public static IntegrationComparator withQuirks(Collection<Quirk> quirks) {
        return new IntegrationComparator(EnumSet.copyOf(quirks.isEmpty() ? EnumSet.noneOf(Quirk.class) : quirks),
                DEFAULT_MAX_DIFFERENCES);
    }

    /** This comparator, stopping after {@code max} differences. */
    public IntegrationComparator withMaxDifferences(int max) {
        return new IntegrationComparator(quirks, max);
    }

    public Set<Quirk> quirks() {
        return EnumSet.copyOf(quirks.isEmpty() ? EnumSet.noneOf(Quirk.class) : quirks);
    }

    /** Compares {@code actual} against {@code expected}. */
    public Comparison compare(IntegrationData expected, IntegrationData actual) {
        Run run = new Run();
        try {
            run.compare(expected, actual);
        } catch (LimitReached e) {
            return new Comparison(run.differences, true);
        }
        return new Comparison(run.differences, false);
    }

    /** Thrown inside a run to stop it at the limit. */
    private static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitReached() {
            super(null, null, false, false);
        }
    }

    /** The state of one comparison. */
    private final class Run {
        final List<Difference> differences = new ArrayList<>();
        final ValueValidator validator = new ValueValidator(quirks);

        void add(Difference difference) {
            differences.add(difference);
            if (differences.size() >= maxDifferences) {
                throw new LimitReached();
            }
        }

        void compare(IntegrationData expected, IntegrationData actual) {
            Schema e = expected.schema();
            Schema a = actual.schema();
            new SchemaComparator(this::add).fields("", e.fields(), a.fields());
            String metadata = SchemaComparator.metadataDifference(e.metadata(), a.metadata());
            if (metadata != null) {
                add(new Difference(Difference.Kind.SCHEMA_METADATA, "", -1, -1, metadata));
            }
            dictionaries(expected, actual);
            List<RecordBatch> eb = expected.batches();
            List<RecordBatch> ab = actual.batches();
            if (eb.size() != ab.size()) {
                add(new Difference(Difference.Kind.BATCH_COUNT, "", -1, -1,
                        "expected " + eb.size() + " batches but found " + ab.size()));
            }
            for (int b = 0; b < Math.min(eb.size(), ab.size()); b++) {
                batch(b, e, eb.get(b), a, ab.get(b));
            }
            for (int b = 0; b < eb.size(); b++) {
                validate(eb.get(b), e, b, "expected");
            }
            for (int b = 0; b < ab.size(); b++) {
                validate(ab.get(b), a, b, "actual");
            }
        }

        /**
         * Compares the dictionary each dictionary-encoded field uses on one side with the one the
         * same field uses on the other, by field position rather than by id: a writer may number
         * dictionaries its own way (Arrow C++ 1.0.0 renumbered the nested ones and gave each use
         * of a shared nested dictionary its own id), and archery does not compare ids.
         */
        private void dictionaries(IntegrationData expected, IntegrationData actual) {
            Map<List<Long>, String> pairs = new LinkedHashMap<>();
            dictionaryPairs("", expected.schema().fields(), actual.schema().fields(), pairs);
            for (Map.Entry<List<Long>, String> pair : pairs.entrySet()) {
                long expectedId = pair.getKey().get(0);
                long actualId = pair.getKey().get(1);
                Array e = expected.dictionaries().get(expectedId);
                Array a = actual.dictionaries().get(actualId);
                String path = "dictionary " + expectedId + (expectedId == actualId ? "" : " (id " + actualId + " in actual)");
                if (e == null || a == null) {
                    add(new Difference(Difference.Kind.DICTIONARY, path, -1, -1, (e == null ? "no expected" : "no actual")
                            + " dictionary for field " + pair.getValue()));
                    continue;
                }
                if (!SchemaComparator.sameShape(e.type(), a.type()) || e.length() != a.length()) {
                    add(new Difference(Difference.Kind.DICTIONARY, path, -1, -1, "expected " + e.length() + " values of "
                            + e.type() + " but found " + a.length() + " of " + a.type()));
                    continue;
                }
                for (int i = 0; i < e.length(); i++) {
                    ArrayComparator.Mismatch m = ArrayComparator.compare(e.data(), i, a.data(), i, "");
                    if (m != null) {
                        add(new Difference(Difference.Kind.DICTIONARY, path + m.path(), -1, i, m.detail()));
                    }
                }
                validate(e.data(), path, -1, "expected");
                validate(a.data(), path, -1, "actual");
            }
        }

        /** Collects the (expected id, actual id) pairs of fields encoded on both sides, with a field path for each. */
        private void dictionaryPairs(String path, List<Field> expected, List<Field> actual, Map<List<Long>, String> pairs) {
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                Field e = expected.get(i);
                Field a = actual.get(i);
                String fieldPath = SchemaComparator.join(path, e.name());
                if (!SchemaComparator.header(e.type()).equals(SchemaComparator.header(a.type()))) {
                    continue; // reported as a schema difference
                }
                if (Types.dictionary(e.type()) != null) {
                    pairs.putIfAbsent(List.of(e.dictionaryId(), a.dictionaryId()), fieldPath);
                }
                dictionaryPairs(fieldPath, Types.valueChildren(e.type()), Types.valueChildren(a.type()), pairs);
            }
        }

        private void batch(int b, Schema es, RecordBatch e, Schema as, RecordBatch a) {
            if (e.rowCount() != a.rowCount()) {
                add(new Difference(Difference.Kind.ROW_COUNT, "", b, -1,
                        "expected " + e.rowCount() + " rows but found " + a.rowCount()));
                return;
            }
            for (int c = 0; c < Math.min(es.size(), as.size()); c++) {
                Field field = es.field(c);
                if (!SchemaComparator.sameShape(field.type(), as.field(c).type())) {
                    continue; // reported as a schema difference
                }
                ArrayData x = e.column(c).data();
                ArrayData y = a.column(c).data();
                for (int row = 0; row < e.rowCount(); row++) {
                    ArrayComparator.Mismatch m = ArrayComparator.compare(x, row, y, row, "");
                    if (m != null) {
                        add(new Difference(m.nullness() ? Difference.Kind.NULL : Difference.Kind.VALUE,
                                field.name() + m.path(), b, row, m.detail()));
                    }
                }
            }
        }

        private void validate(RecordBatch batch, Schema schema, int b, String side) {
            for (int c = 0; c < batch.columnCount(); c++) {
                validate(batch.column(c).data(), schema.field(c).name(), b, side);
            }
        }

        private void validate(ArrayData data, String path, int batch, String side) {
            ValueValidator.Invalid invalid = validator.firstInvalid(data, path);
            if (invalid != null) {
                add(new Difference(Difference.Kind.INVALID, invalid.path(), batch,
                        invalid.topLevel() ? invalid.position() : -1,
                        side + " side: " + invalid.detail() + (invalid.topLevel() ? "" : " (child slot " + invalid.position() + ")")));
            }
        }
    }
}
