package dev.lightstream.parquet.internal;

import dev.lightstream.schema.Field;
import java.util.List;

/**
 * One node of the write plan of an Arrow field: how its arrays turn into Parquet repetition and
 * definition levels. Dictionary, run-end encoded and (most) extension types have no node of their
 * own: their arrays are unwrapped to the values they stand for while writing.
 */
sealed interface WriteNode {
    /** The Arrow field this node writes. */
    Field field();

    /** True if the Parquet node is OPTIONAL (adds a definition level). */
    boolean nullable();

    /** A Parquet primitive column. */
    record Leaf(Field field, boolean nullable, LeafWriter writer) implements WriteNode {}

    /** A group of child fields. */
    record Group(Field field, boolean nullable, List<WriteNode> children) implements WriteNode {}

    /**
     * A list or map: a LIST or MAP group holding one repeated group, whose element (for a map, the
     * non-nullable key-value struct) is {@code element}. {@code repetitionLevel} is the level of
     * the repeated group.
     */
    record Repeated(Field field, boolean nullable, WriteNode element, int repetitionLevel) implements WriteNode {}
}
