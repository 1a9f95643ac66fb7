package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.UnionMode;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Unions: an int8 type id per slot picks the child that holds the value. Sparse unions read the
 * child at the same slot; dense unions read it at an int32 offset per slot. Unions have no
 * validity bitmap: a slot is null when its child's value is.
 */
public final class UnionArray extends Array {
    private final DataType.Union unionType;
    private final MemorySegment typeIds;
    private final MemorySegment offsets;
    private final List<Array> children;
    private final int[] childByTypeId = new int[128];

    UnionArray(ArrayData data) {
        super(data);
        this.unionType = (DataType.Union) Layouts.physical(data.type());
        this.typeIds = data.buffer(0);
        this.offsets = unionType.mode() == UnionMode.DENSE ? data.buffer(1) : null;
        List<Array> list = new ArrayList<>();
        for (ArrayData child : data.children()) {
            list.add(Array.of(child));
        }
        this.children = Collections.unmodifiableList(list);
        java.util.Arrays.fill(childByTypeId, -1);
        for (int i = 0; i < unionType.typeIds().size(); i++) {
            childByTypeId[unionType.typeIds().get(i)] = i;
        }
    }

    public UnionMode mode() {
        return unionType.mode();
    }

    /** The type id of slot {@code index}. */
    public byte typeId(int index) {
        checkIndex(index);
        return typeIds.get(LE.BYTE, (long) offset + index);
    }

    /**
     * The index of the child holding slot {@code index}.
     *
     * @throws IllegalStateException if the slot's type id is not one of the union's (only for data
     *     that skipped validation)
     */
    public int childIndex(int index) {
        byte id = typeId(index);
        int child = id < 0 ? -1 : childByTypeId[id];
        if (child < 0) {
            throw new IllegalStateException("union slot " + index + " has unknown type id " + id);
        }
        return child;
    }

    /** The position of slot {@code index}'s value within its child. */
    public int valueOffset(int index) {
        checkIndex(index);
        return offsets == null ? offset + index : offsets.get(LE.INT, ((long) offset + index) * 4);
    }

    /** Child {@code i}, unsliced: index it with {@link #valueOffset}. */
    public Array child(int i) {
        return children.get(i);
    }

    public int childCount() {
        return children.size();
    }

    public MemorySegment typeIds() {
        return typeIds;
    }

    /** The offsets buffer of a dense union, or null for a sparse one. */
    public MemorySegment offsets() {
        return offsets;
    }

    @Override
    public boolean isNull(int index) {
        return children.get(childIndex(index)).isNull(valueOffset(index));
    }

    @Override
    public Object getObject(int index) {
        return children.get(childIndex(index)).getObject(valueOffset(index));
    }
}
