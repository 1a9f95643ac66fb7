package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Lists addressed by an offsets buffer into one child array: {@code list} (32-bit offsets) and
 * {@code large_list} (64-bit offsets).
 */
public final class ListArray extends Array {
    private final MemorySegment offsets;
    private final boolean large;
    private final Array values;

    ListArray(ArrayData data) {
        super(data);
        this.offsets = data.buffer(1);
        this.large = Layouts.physical(data.type()) instanceof DataType.LargeList;
        this.values = Array.of(data.child(0));
    }

    public boolean isLarge() {
        return large;
    }

    /** The whole child array; slot {@code i} covers {@code [valueStart(i), valueEnd(i))} of it. */
    public Array values() {
        return values;
    }

    public long valueStart(int index) {
        checkIndex(index);
        return rawOffset(index);
    }

    public long valueEnd(int index) {
        checkIndex(index);
        return rawOffset(index + 1);
    }

    public int valueLength(int index) {
        checkIndex(index);
        return Math.toIntExact(rawOffset(index + 1) - rawOffset(index));
    }

    private long rawOffset(int i) {
        long slot = (long) offset + i;
        return large ? offsets.get(LE.LONG, slot * 8) : offsets.get(LE.INT, slot * 4);
    }

    /** The elements of slot {@code index}, a zero-copy slice of {@link #values()}. */
    public Array value(int index) {
        long start = valueStart(index);
        return values.slice(Math.toIntExact(start), Math.toIntExact(rawOffset(index + 1) - start));
    }

    /** The offsets buffer, from the start of the underlying data. */
    public MemorySegment offsets() {
        return offsets;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : elements(value(index));
    }

    static List<Object> elements(Array array) {
        List<Object> list = new ArrayList<>(array.length());
        for (int i = 0; i < array.length(); i++) {
            list.add(array.getObject(i));
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * A builder of {@code type} (list or large_list), with a builder for the elements.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.List) && !(type instanceof DataType.LargeList)) {
            throw new IllegalArgumentException(type + " is not list or large_list");
        }
        return (Builder) ArrayBuilder.of(allocator, type);
    }

    /**
     * Builds {@link ListArray}s: open a list with {@link #startList()}, append its elements to
     * {@link #values()}, close it with {@link #endList()}.
     *
     * {@snippet :
     * ListArray.Builder lists = ListArray.builder(allocator, DataType.list(DataType.INT32));
     * Int32Array.Builder ints = lists.values().as(Int32Array.Builder.class);
     * lists.startList();
     * ints.append(1).append(2);
     * lists.endList();                            // [1, 2]
     * lists.appendNull();                         // null
     * lists.startList().endList();                // []
     * ListArray array = lists.build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final ArrayBuilder values;
        private final BufferBuilder offsets;
        private final boolean large;
        private boolean open;

        Builder(BufferAllocator allocator, DataType type, DictionaryScope scope) {
            super(allocator, type, true);
            this.large = type instanceof DataType.LargeList;
            this.values = ArrayBuilder.forField(allocator, type.children().getFirst(), scope);
            this.offsets = new BufferBuilder(allocator);
        }

        /** The builder of the elements of every list. */
        public ArrayBuilder values() {
            return values;
        }

        /**
         * Opens a list: the elements appended to {@link #values()} until {@link #endList()} are its.
         *
         * @throws IllegalStateException if a list is open already, or elements were appended outside a list
         */
        public Builder startList() {
            checkAppend();
            if (open) {
                throw new IllegalStateException("a list is already open");
            }
            firstOffset();
            if (values.length() != lastOffset()) {
                throw new IllegalStateException("values were appended outside a list: values.length=" + values.length()
                        + " lastOffset=" + lastOffset());
            }
            open = true;
            return this;
        }

        /** Closes the list opened by {@link #startList()}. */
        public Builder endList() {
            if (!open) {
                throw new IllegalStateException("no list is open");
            }
            appendOffset(values.length());
            open = false;
            markValid();
            return this;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            checkClosedSlot();
            firstOffset();
            appendOffset(lastOffset());
            markNull();
            return this;
        }

        /** Takes a {@link java.util.List} of element values. */
        @Override
        public Builder appendObject(Object value) {
            if (value == null) {
                return appendNull();
            }
            if (!(value instanceof List<?> list)) {
                throw cannotAppend(value);
            }
            startList();
            for (Object element : list) {
                values.appendObject(element);
            }
            return endList();
        }

        private void checkClosedSlot() {
            if (open) {
                throw new IllegalStateException("a list is open");
            }
        }

        private void firstOffset() {
            if (offsets.size() == 0) {
                appendOffset(0);
            }
        }

        private long lastOffset() {
            return large ? offsets.getLong(offsets.size() - 8) : offsets.getInt(offsets.size() - 4);
        }

        private void appendOffset(long offset) {
            if (large) {
                offsets.appendLong(offset);
            } else {
                offsets.appendInt((int) offset);
            }
        }

        @Override
        public ListArray build() {
            return (ListArray) super.build();
        }

        @Override
        public ListArray build(List<MemoryBlock> owner) {
            return (ListArray) super.build(owner);
        }

        @Override
        void checkComplete() {
            checkClosedSlot();
            values.checkComplete();
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            firstOffset();
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            MemorySegment[] buffers = {bitmap, offsets.finish(owner)};
            return new ArrayData(type, length, 0, nulls, buffers, List.of(values.take(owner)), null);
        }

        @Override
        void releaseBuffers() {
            offsets.close();
            values.close();
            open = false;
        }

        @Override
        void appendFiller() {
            startList();
            endList();
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof List<?> list && list.stream().allMatch(e -> acceptsOrNull(values, e));
        }
    }
}
