package dev.lightstream.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named, typed column or child of a nested type.
 *
 * <p>{@code metadata} keeps its insertion order. {@code dictionaryId} matters only for
 * {@link DataType.Dictionary} fields: fields with the same id share one dictionary in IPC. It is
 * {@link #NO_DICTIONARY_ID} when the writer should choose.
 *
 * {@snippet :
 * Field id = Field.of("id", DataType.INT64);                 // non-nullable
 * Field name = Field.nullable("name", DataType.UTF8)
 *         .withMetadata(Map.of("comment", "display name"));
 * }
 *
 * @param name the field name; may be empty, need not be unique among siblings
 * @param type the data type
 * @param nullable whether values may be null
 * @param metadata custom key-value metadata, unmodifiable
 * @param dictionaryId the IPC dictionary id of a dictionary-encoded field, or {@link #NO_DICTIONARY_ID}
 */
public record Field(String name, DataType type, boolean nullable, Map<String, String> metadata, long dictionaryId) {
    /** The dictionary id of fields that are not dictionary-encoded or that let the writer choose. */
    public static final long NO_DICTIONARY_ID = -1;

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        metadata = metadata == null || metadata.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (dictionaryId < NO_DICTIONARY_ID) {
            throw new IllegalArgumentException("dictionaryId=" + dictionaryId + " is negative");
        }
    }

    /** A non-nullable field. */
    public static Field of(String name, DataType type) {
        return new Field(name, type, false, Map.of(), NO_DICTIONARY_ID);
    }

    /** A nullable field. */
    public static Field nullable(String name, DataType type) {
        return new Field(name, type, true, Map.of(), NO_DICTIONARY_ID);
    }

    public Field withName(String newName) {
        return new Field(newName, type, nullable, metadata, dictionaryId);
    }

    public Field withType(DataType newType) {
        return new Field(name, newType, nullable, metadata, dictionaryId);
    }

    public Field withNullable(boolean newNullable) {
        return new Field(name, type, newNullable, metadata, dictionaryId);
    }

    public Field withMetadata(Map<String, String> newMetadata) {
        return new Field(name, type, nullable, newMetadata, dictionaryId);
    }

    public Field withDictionaryId(long id) {
        return new Field(name, type, nullable, metadata, id);
    }

    /** The child fields of this field's type. */
    public java.util.List<Field> children() {
        return type.children();
    }

    @Override
    public String toString() {
        return name + ": " + type + (nullable ? "" : " not null");
    }
}
