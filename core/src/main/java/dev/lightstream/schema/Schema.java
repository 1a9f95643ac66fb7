package dev.lightstream.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered fields of a record batch, with custom metadata.
 *
 * {@snippet :
 * Schema schema = Schema.of(
 *         Field.of("id", DataType.INT64),
 *         Field.nullable("name", DataType.UTF8));
 * }
 *
 * @param fields the top-level fields; names need not be unique
 * @param metadata custom key-value metadata, unmodifiable, in insertion order
 */
public record Schema(List<Field> fields, Map<String, String> metadata) {
    public Schema {
        fields = List.copyOf(fields);
        metadata = metadata == null || metadata.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields), Map.of());
    }

    public static Schema of(List<Field> fields) {
        return new Schema(fields, Map.of());
    }

    public Schema withMetadata(Map<String, String> newMetadata) {
        return new Schema(fields, newMetadata);
    }

    /** Number of top-level fields. */
    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    /** The index of the first field named {@code name}, or -1. */
    public int indexOf(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first field named {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Field field(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no field named '" + name + "' in " + this);
        }
        return fields.get(index);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Schema[");
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(fields.get(i));
        }
        return sb.append(']').toString();
    }
}
