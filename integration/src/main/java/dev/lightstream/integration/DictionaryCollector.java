package dev.lightstream.integration;

import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Finds the dictionaries that record batches use, by id: the dictionary of each dictionary-encoded
 * array, at any depth, including dictionaries nested in the values of other dictionaries.
 */
final class DictionaryCollector {
    private DictionaryCollector() {}

    /**
     * The dictionaries of {@code batches}, whose columns follow {@code schema} (with ids assigned).
     *
     * @throws IllegalArgumentException if one id maps to dictionaries of different values, or a
     *     dictionary-encoded field has no id
     */
    static SortedMap<Long, ArrayData> collect(Schema schema, List<RecordBatch> batches) {
        SortedMap<Long, ArrayData> found = new TreeMap<>();
        for (int b = 0; b < batches.size(); b++) {
            RecordBatch batch = batches.get(b);
            for (int c = 0; c < schema.size(); c++) {
                visit(schema.field(c), batch.column(c).data(), found, "batch " + b);
            }
        }
        return found;
    }

    /** Adds {@code dictionary} under {@code id}, checking it agrees with one already there. */
    static void add(Map<Long, ArrayData> found, long id, ArrayData dictionary, String where) {
        ArrayData previous = found.putIfAbsent(id, dictionary);
        if (previous != null && previous != dictionary && ArrayComparator.firstDifference(previous, dictionary) != null) {
            throw new IllegalArgumentException(where + " uses other values for dictionary id " + id
                    + " (a replacement or delta dictionary): the integration JSON holds one dictionary per id");
        }
    }

    private static void visit(Field field, ArrayData data, Map<Long, ArrayData> found, String where) {
        DataType.Dictionary dictionaryType = Types.dictionary(field.type());
        if (dictionaryType != null) {
            if (field.dictionaryId() == Field.NO_DICTIONARY_ID) {
                throw new IllegalArgumentException("field '" + field.name() + "' is dictionary-encoded but has no dictionary id");
            }
            boolean first = !found.containsKey(field.dictionaryId());
            add(found, field.dictionaryId(), data.dictionary(), where);
            if (first) {
                visitChildren(Types.valueChildren(field.type()), data.dictionary(), found, where);
            }
            return;
        }
        visitChildren(Types.valueChildren(field.type()), data, found, where);
    }

    private static void visitChildren(List<Field> fields, ArrayData data, Map<Long, ArrayData> found, String where) {
        for (int i = 0; i < fields.size(); i++) {
            visit(fields.get(i), data.child(i), found, where);
        }
    }
}
