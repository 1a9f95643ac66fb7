package dev.lightstream.integration;

import java.util.Objects;

/**
 * One difference found by {@link IntegrationComparator}: what differs, where, and how.
 *
 * {@snippet :
 * for (Difference d : result.differences()) {
 *     System.out.println(d.kind() + " " + d.path() + " batch " + d.batch() + " row " + d.row() + ": " + d.detail());
 * }
 * }
 *
 * @param kind what kind of thing differs
 * @param path the field path, such as {@code struct_nullable.f1} or {@code lists[2]} for an element
 *     inside a row's value, or {@code dictionary 3} for a dictionary; empty for the whole schema
 * @param batch the record batch index, or -1 when the difference is not in a batch
 * @param row the row in the batch (or the slot in a dictionary), or -1
 * @param detail both sides' values or a description
 */
public record Difference(Kind kind, String path, int batch, long row, String detail) {
    public Difference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
    }

    /** What differs. */
    public enum Kind {
        /** Field names, nullability, types or children. */
        SCHEMA,
        /** The schema's custom metadata. */
        SCHEMA_METADATA,
        /** A field's custom metadata. */
        FIELD_METADATA,
        /** A dictionary: present on one side only, or of other type, length or values. */
        DICTIONARY,
        /** The number of record batches. */
        BATCH_COUNT,
        /** The number of rows of a batch. */
        ROW_COUNT,
        /** A value, both sides non-null. */
        VALUE,
        /** A slot that is null on one side only. */
        NULL,
        /** A value that is not valid for its type (see {@link Quirk}). */
        INVALID
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name());
        if (!path.isEmpty()) {
            sb.append(" at ").append(path);
        }
        if (batch >= 0) {
            sb.append(", batch ").append(batch);
        }
        if (row >= 0) {
            sb.append(", row ").append(row);
        }
        return sb.append(": ").append(detail).toString();
    }
}
