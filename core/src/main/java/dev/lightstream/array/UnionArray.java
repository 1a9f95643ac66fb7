package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
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

    /**
     * A builder of {@code type}, with a builder per child.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@link DataType.Union}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.Union)) {
            throw new IllegalArgumentException(type + " is not a union type");
        }
        return (Builder) ArrayBuilder.of(allocator, type);
    }

    /**
     * Builds {@link UnionArray}s, sparse or dense: {@link #startUnion(int)} with the type id of
     * the slot, one value appended to that child's builder, {@link #endUnion()}. In a sparse
     * union the other children get a null each (a placeholder value where the field is not
     * nullable); in a dense union the slot records the value's offset in its child.
     *
     * {@snippet :
     * UnionArray.Builder values = UnionArray.builder(allocator, DataType.denseUnion(
     *         Field.nullable("i", DataType.INT32), Field.nullable("s", DataType.UTF8)));
     * values.startUnion(0);
     * values.child(0).as(Int32Array.Builder.class).append(42);
     * values.endUnion();
     * values.append(1, "text");      // the same in one call
     * values.appendObject("more");   // the first child that takes a String: "s"
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final DataType.Union unionType;
        private final List<ArrayBuilder> children;
        private final BufferBuilder typeIds;
        private final BufferBuilder offsets;
        private int openChild = -1;
        private int openChildStart;

        Builder(BufferAllocator allocator, DataType.Union type, DictionaryScope scope) {
            super(allocator, type, false);
            this.unionType = type;
            List<ArrayBuilder> list = new ArrayList<>(type.fields().size());
            try {
                for (dev.lightstream.schema.Field field : type.fields()) {
                    list.add(ArrayBuilder.forField(allocator, field, scope));
                }
            } catch (RuntimeException e) {
                list.forEach(ArrayBuilder::close);
                throw e;
            }
            this.children = Collections.unmodifiableList(list);
            this.typeIds = new BufferBuilder(allocator);
            this.offsets = type.mode() == UnionMode.DENSE ? new BufferBuilder(allocator) : null;
        }

        public int childCount() {
            return children.size();
        }

        /** The builder of child {@code i} (in field order, not by type id). */
        public ArrayBuilder child(int i) {
            return children.get(i);
        }

        /**
         * Opens a slot of type {@code typeId}: append one value to its child, then {@link #endUnion()}.
         *
         * @throws IllegalArgumentException if the union has no such type id
         */
        public Builder startUnion(int typeId) {
            int child = unionType.childIndex(typeId);
            if (child < 0) {
                throw new IllegalArgumentException("typeId=" + typeId + " is not one of " + unionType.typeIds());
            }
            checkAppend();
            checkClosedSlot();
            if (offsets == null) {
                for (int i = 0; i < children.size(); i++) {
                    if (children.get(i).length() != length) {
                        throw new IllegalStateException("child " + i + " has " + children.get(i).length()
                                + " values outside a union slot, expected " + length);
                    }
                }
            }
            openChild = child;
            openChildStart = children.get(child).length();
            return this;
        }

        /**
         * Closes the slot opened by {@link #startUnion(int)}.
         *
         * @throws IllegalStateException if its child did not get exactly one value
         */
        public Builder endUnion() {
            if (openChild < 0) {
                throw new IllegalStateException("no union slot is open");
            }
            ArrayBuilder child = children.get(openChild);
            if (child.length() != openChildStart + 1) {
                throw new IllegalStateException("child " + openChild + " got " + (child.length() - openChildStart)
                        + " values for one union slot");
            }
            int selected = openChild;
            openChild = -1;
            if (offsets == null) {
                for (int i = 0; i < children.size(); i++) {
                    if (i != selected) {
                        appendAbsent(children.get(i), unionType.fields().get(i));
                    }
                }
            } else {
                offsets.appendInt(openChildStart);
            }
            typeIds.appendByte((byte) (int) unionType.typeIds().get(selected));
            length++;
            return this;
        }

        private void checkClosedSlot() {
            if (openChild >= 0) {
                throw new IllegalStateException("a union slot is open");
            }
        }

        /** Appends {@code value} (as {@link ArrayBuilder#appendObject} takes it) under {@code typeId}. */
        public Builder append(int typeId, Object value) {
            startUnion(typeId);
            children.get(openChild).appendObject(value);
            return endUnion();
        }

        /**
         * Appends a null of the first child whose field is nullable (else of the first child).
         *
         * @throws IllegalStateException if the union has no children
         */
        @Override
        public Builder appendNull() {
            if (children.isEmpty()) {
                throw new IllegalStateException(type + " has no children to hold a null");
            }
            int child = 0;
            for (int i = 0; i < children.size(); i++) {
                if (unionType.fields().get(i).nullable()) {
                    child = i;
                    break;
                }
            }
            startUnion(unionType.typeIds().get(child));
            children.get(child).appendNull();
            return endUnion();
        }

        /**
         * Takes a value for the first child that accepts its Java type (a String for a utf8 child,
         * a Long for an int64 child...), as {@link UnionArray#getObject} does not say which child
         * a value came from.
         *
         * @throws IllegalArgumentException if no child takes it
         */
        @Override
        public Builder appendObject(Object value) {
            if (value == null) {
                return appendNull();
            }
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i).accepts(value)) {
                    return append(unionType.typeIds().get(i), value);
                }
            }
            throw cannotAppend(value);
        }

        @Override
        public UnionArray build() {
            return (UnionArray) super.build();
        }

        @Override
        public UnionArray build(List<MemoryBlock> owner) {
            return (UnionArray) super.build(owner);
        }

        @Override
        void checkComplete() {
            checkClosedSlot();
            for (ArrayBuilder child : children) {
                child.checkComplete();
            }
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            MemorySegment ids = typeIds.finish(owner);
            MemorySegment[] buffers = offsets == null ? new MemorySegment[] {ids}
                    : new MemorySegment[] {ids, offsets.finish(owner)};
            List<ArrayData> data = new ArrayList<>(children.size());
            for (ArrayBuilder child : children) {
                data.add(child.take(owner));
            }
            return new ArrayData(type, length, 0, 0, buffers, data, null);
        }

        @Override
        void releaseBuffers() {
            typeIds.close();
            if (offsets != null) {
                offsets.close();
            }
            children.forEach(ArrayBuilder::close);
            openChild = -1;
        }

        @Override
        void appendFiller() {
            if (children.isEmpty()) {
                throw new IllegalStateException(type + " has no children to hold a value");
            }
            startUnion(unionType.typeIds().getFirst());
            children.getFirst().appendFiller();
            endUnion();
        }

        @Override
        boolean accepts(Object value) {
            for (ArrayBuilder child : children) {
                if (child.accepts(value)) {
                    return true;
                }
            }
            return false;
        }
    }
}
