package dev.lightstream.parquet.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.DictionaryArray;
import dev.lightstream.array.ExtensionArray;
import dev.lightstream.array.FixedSizeListArray;
import dev.lightstream.array.ListArray;
import dev.lightstream.array.ListViewArray;
import dev.lightstream.array.MapArray;
import dev.lightstream.array.RunEndEncodedArray;
import dev.lightstream.array.StructArray;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnWriter;

/**
 * Writes one Parquet leaf column of an Arrow column: walks from the top-level array down the path
 * to the leaf and emits each value (or null, or empty list) with its repetition and definition
 * levels, the way the Dremel encoding defines them.
 *
 * <pre>
 *   optional group tags (LIST)          def +1 when the list is present
 *     repeated group list               def +1 per element, rep = level of this list
 *       optional binary element         def +1 when the element is present
 * </pre>
 *
 * <p>A null at a node writes one null with the definition level reached so far; an empty list
 * writes one null with the list's own level; every first element of a list inherits the
 * repetition level of its parent, the others take the list's level.
 */
final class LevelWriter {
    private final WriteNode[] path;
    /** For a Group at step i, the index of the child that step i+1 is. */
    private final int[] childIndex;
    private final String fieldPath;
    private final ColumnWriter out;

    private LevelWriter(List<WriteNode> path, List<Integer> childIndex, String fieldPath, ColumnWriter out) {
        this.path = path.toArray(WriteNode[]::new);
        this.childIndex = childIndex.stream().mapToInt(Integer::intValue).toArray();
        this.fieldPath = fieldPath;
        this.out = out;
    }

    /** The writers of every leaf under {@code root}, in the order Parquet lists its columns. */
    static List<LevelWriter> forField(WriteNode root, java.util.Iterator<ColumnWriter> columns) {
        List<LevelWriter> writers = new ArrayList<>();
        collect(root, new ArrayList<>(), new ArrayList<>(), columns, writers);
        return writers;
    }

    private static void collect(WriteNode node, List<WriteNode> path, List<Integer> childIndex,
            java.util.Iterator<ColumnWriter> columns, List<LevelWriter> out) {
        path.add(node);
        switch (node) {
            case WriteNode.Leaf leaf -> {
                childIndex.add(-1);
                String name = String.join(".", path.stream().map(n -> n.field().name()).toList());
                out.add(new LevelWriter(path, childIndex, name, columns.next()));
                childIndex.removeLast();
            }
            case WriteNode.Group group -> {
                for (int i = 0; i < group.children().size(); i++) {
                    childIndex.add(i);
                    collect(group.children().get(i), path, childIndex, columns, out);
                    childIndex.removeLast();
                }
            }
            case WriteNode.Repeated repeated -> {
                childIndex.add(-1);
                collect(repeated.element(), path, childIndex, columns, out);
                childIndex.removeLast();
            }
        }
        path.removeLast();
    }

    /** Writes rows {@code [from, to)} of the top-level {@code column}. */
    void write(Array column, int from, int to) {
        for (int row = from; row < to; row++) {
            emit(0, column, row, 0, 0);
        }
    }

    private void emit(int step, Array array, int index, int rep, int def) {
        WriteNode node = path[step];
        if (array.isNull(index)) {
            if (!node.nullable()) {
                throw new IllegalArgumentException("field '" + fieldPath + "' is not nullable but slot " + index
                        + " of " + node.field().name() + " is null");
            }
            out.writeNull(rep, def);
            return;
        }
        // Dictionary, run-end encoded and extension arrays stand for their values.
        while (true) {
            if (array instanceof DictionaryArray d) {
                index = Math.toIntExact(d.index(index));
                array = d.dictionary();
            } else if (array instanceof RunEndEncodedArray r) {
                index = r.physicalIndex(index);
                array = r.values();
            } else if (array instanceof ExtensionArray e) {
                array = e.storage();
            } else {
                break;
            }
        }
        int d = node.nullable() ? def + 1 : def;
        switch (node) {
            case WriteNode.Leaf leaf -> leaf.writer().write(array, index, out, rep, d);
            case WriteNode.Group group -> emit(step + 1, ((StructArray) array).field(childIndex[step]), index, rep, d);
            case WriteNode.Repeated repeated -> {
                long start;
                long end;
                Array values;
                switch (array) {
                    case ListArray l -> {
                        start = l.valueStart(index);
                        end = l.valueEnd(index);
                        values = l.values();
                    }
                    case FixedSizeListArray l -> {
                        start = ((long) l.data().offset() + index) * l.listSize();
                        end = start + l.listSize();
                        values = l.values();
                    }
                    case ListViewArray l -> {
                        start = l.valueStart(index);
                        end = start + l.valueLength(index);
                        values = l.values();
                    }
                    case MapArray m -> {
                        start = m.valueStart(index);
                        end = m.valueEnd(index);
                        values = m.entries();
                    }
                    default -> throw new IllegalStateException("field '" + fieldPath + "': " + array.type()
                            + " is not a list or map");
                }
                if (start == end) {
                    out.writeNull(rep, d);
                    return;
                }
                int level = repeated.repetitionLevel();
                for (long k = start; k < end; k++) {
                    emit(step + 1, values, Math.toIntExact(k), k == start ? rep : level, d + 1);
                }
            }
        }
    }
}
