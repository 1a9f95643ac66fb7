package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dictionaries of one family of builders (a {@link RecordBatchBuilder}, or one
 * {@link ArrayBuilder#of} call): dictionary-encoded fields with the same
 * {@link Field#dictionaryId()} share one {@link DictionaryValues}, so that the arrays built for
 * them point at the same dictionary, as IPC requires of fields sharing an id.
 */
final class DictionaryScope {
    private final BufferAllocator allocator;
    private final Map<Long, DictionaryValues> byId = new HashMap<>();
    private final Set<Long> underConstruction = new HashSet<>();

    DictionaryScope(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * The dictionary for a field of {@code type} with {@code id}: a fresh one when the id is
     * {@link Field#NO_DICTIONARY_ID}, else the one shared by every field with that id.
     *
     * @throws IllegalArgumentException if the id was seen with another value type, or inside its own values
     */
    DictionaryValues values(long id, DataType.Dictionary type) {
        if (id == Field.NO_DICTIONARY_ID) {
            return new DictionaryValues(ArrayBuilder.create(allocator, type.valueType(), Field.NO_DICTIONARY_ID, this));
        }
        if (underConstruction.contains(id)) {
            throw new IllegalArgumentException("dictionary id " + id + " is used inside its own values: " + type);
        }
        DictionaryValues shared = byId.get(id);
        if (shared != null) {
            if (!shared.valueType().equals(type.valueType())) {
                throw new IllegalArgumentException("dictionary id " + id + " is used with value types "
                        + shared.valueType() + " and " + type.valueType());
            }
            shared.attach();
            return shared;
        }
        underConstruction.add(id);
        try {
            shared = new DictionaryValues(ArrayBuilder.create(allocator, type.valueType(), Field.NO_DICTIONARY_ID, this));
        } finally {
            underConstruction.remove(id);
        }
        byId.put(id, shared);
        return shared;
    }
}
