package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Lists given by an offset and a size each, into one child array, in any order and possibly
 * overlapping: {@code list_view} (32-bit) and {@code large_list_view} (64-bit).
 */
public final class ListViewArray extends Array {
    private final MemorySegment offsets;
    private final MemorySegment sizes;
    private final boolean large;
    private final Array values;

    ListViewArray(ArrayData data) {
        super(data);
        this.offsets = data.buffer(1);
        this.sizes = data.buffer(2);
        this.large = Layouts.physical(data.type()) instanceof DataType.LargeListView;
        this.values = Array.of(data.child(0));
    }

    public boolean isLarge() {
        return large;
    }

    public Array values() {
        return values;
    }

    public long valueStart(int index) {
        checkIndex(index);
        long slot = (long) offset + index;
        return large ? offsets.get(LE.LONG, slot * 8) : offsets.get(LE.INT, slot * 4);
    }

    public int valueLength(int index) {
        checkIndex(index);
        long slot = (long) offset + index;
        return Math.toIntExact(large ? sizes.get(LE.LONG, slot * 8) : sizes.get(LE.INT, slot * 4));
    }

    /** The elements of slot {@code index}, a zero-copy slice of {@link #values()}. */
    public Array value(int index) {
        return values.slice(Math.toIntExact(valueStart(index)), valueLength(index));
    }

    public MemorySegment offsets() {
        return offsets;
    }

    public MemorySegment sizes() {
        return sizes;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : ListArray.elements(value(index));
    }

    /**
     * A builder of {@code type} (list_view or large_list_view), with a builder for the elements.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.ListView) && !(type instanceof DataType.LargeListView)) {
            throw new IllegalArgumentException(type + " is not list_view or large_list_view");
        }
        return (Builder) ArrayBuilder.of(allocator, type);
    }

    /**
     * Builds {@link ListViewArray}s. Like {@link ListArray.Builder}, {@link #startList()} and
     * {@link #endList()} make a list of the elements appended to {@link #values()} in between; in
     * addition {@link #appendView} makes a list of elements appended earlier, so that lists may
     * share elements or come in any order.
     *
     * {@snippet :
     * ListViewArray.Builder views = ListViewArray.builder(allocator, DataType.listView(DataType.INT64));
     * views.startList();
     * views.values().as(Int64Array.Builder.class).append(5).append(6).append(7);
     * views.endList();              // [5, 6, 7]
     * views.appendView(1, 2);       // [6, 7], sharing elements with the first list
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final ArrayBuilder values;
        private final BufferBuilder offsets;
        private final BufferBuilder sizes;
        private final boolean large;
        private int start = -1;

        Builder(BufferAllocator allocator, DataType type, DictionaryScope scope) {
            super(allocator, type, true);
            this.large = type instanceof DataType.LargeListView;
            this.values = ArrayBuilder.forField(allocator, type.children().getFirst(), scope);
            this.offsets = new BufferBuilder(allocator);
            this.sizes = new BufferBuilder(allocator);
        }

        /** The builder of the elements. */
        public ArrayBuilder values() {
            return values;
        }

        /** Opens a list: the elements appended to {@link #values()} until {@link #endList()} are its. */
        public Builder startList() {
            checkAppend();
            checkClosedSlot();
            start = values.length();
            return this;
        }

        /** Closes the list opened by {@link #startList()}. */
        public Builder endList() {
            if (start < 0) {
                throw new IllegalStateException("no list is open");
            }
            int from = start;
            start = -1;
            put(from, values.length() - from);
            markValid();
            return this;
        }

        /**
         * Appends a list of the {@code size} elements from {@code offset} of {@link #values()},
         * which must have been appended already.
         *
         * @throws IndexOutOfBoundsException if the range is not inside the elements appended so far
         */
        public Builder appendView(int offset, int size) {
            java.util.Objects.checkFromIndexSize(offset, size, values.length());
            checkAppend();
            checkClosedSlot();
            put(offset, size);
            markValid();
            return this;
        }

        private void put(long offset, long size) {
            if (large) {
                offsets.appendLong(offset);
                sizes.appendLong(size);
            } else {
                offsets.appendInt((int) offset);
                sizes.appendInt((int) size);
            }
        }

        private void checkClosedSlot() {
            if (start >= 0) {
                throw new IllegalStateException("a list is open");
            }
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            checkClosedSlot();
            put(0, 0);
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

        @Override
        public ListViewArray build() {
            return (ListViewArray) super.build();
        }

        @Override
        public ListViewArray build(List<MemoryBlock> owner) {
            return (ListViewArray) super.build(owner);
        }

        @Override
        void checkComplete() {
            checkClosedSlot();
            values.checkComplete();
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            MemorySegment[] buffers = {bitmap, offsets.finish(owner), sizes.finish(owner)};
            return new ArrayData(type, length, 0, nulls, buffers, List.of(values.take(owner)), null);
        }

        @Override
        void releaseBuffers() {
            offsets.close();
            sizes.close();
            values.close();
            start = -1;
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
