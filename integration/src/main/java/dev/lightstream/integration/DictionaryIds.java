package dev.lightstream.integration;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives a dictionary id to every dictionary-encoded field that has none
 * ({@link Field#NO_DICTIONARY_ID}): the smallest ids not taken, children before their parent, so
 * that an inner dictionary gets a smaller id than the dictionary whose values hold it (the order
 * Arrow C++ uses). Fields that have an id keep it.
 */
final class DictionaryIds {
    private final Set<Long> taken = new HashSet<>();
    private long next;

    private DictionaryIds() {}

    static Schema assign(Schema schema) {
        DictionaryIds ids = new DictionaryIds();
        boolean missing = false;
        for (Field field : schema.fields()) {
            missing |= ids.scan(field);
        }
        if (!missing) {
            return schema;
        }
        List<Field> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
            fields.add(ids.assign(field));
        }
        return new Schema(fields, schema.metadata());
    }

    /** Records the ids in use; true if some dictionary field has none. */
    private boolean scan(Field field) {
        boolean missing = false;
        if (Types.dictionary(field.type()) != null) {
            if (field.dictionaryId() == Field.NO_DICTIONARY_ID) {
                missing = true;
            } else {
                taken.add(field.dictionaryId());
            }
        }
        for (Field child : Types.valueChildren(field.type())) {
            missing |= scan(child);
        }
        return missing;
    }

    private Field assign(Field field) {
        List<Field> children = new ArrayList<>();
        for (Field child : Types.valueChildren(field.type())) {
            children.add(assign(child));
        }
        DataType type = children.isEmpty() ? field.type() : Types.withValueChildren(field.type(), children);
        long id = field.dictionaryId();
        if (Types.dictionary(type) != null && id == Field.NO_DICTIONARY_ID) {
            while (taken.contains(next)) {
                next++;
            }
            id = next;
            taken.add(id);
        }
        return field.withType(type).withDictionaryId(id);
    }
}
