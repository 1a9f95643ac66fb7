package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.lang.foreign.MemorySegment;

/** Lists of exactly {@code listSize} elements: slot {@code i} is child slots {@code [i*n, (i+1)*n)}. */
public final class FixedSizeListArray extends Array {
    private final int listSize;
    private final Array values;

    FixedSizeListArray(ArrayData data) {
        super(data);
        this.listSize = ((DataType.FixedSizeList) Layouts.physical(data.type())).listSize();
        this.values = Array.of(data.child(0));
    }

    public int listSize() {
        return listSize;
    }

    /** The whole child array, from the start of the underlying data (the array offset is not applied). */
    public Array values() {
        return values;
    }

    /** The elements of slot {@code index}, a zero-copy slice of {@link #values()}. */
    public Array value(int index) {
        checkIndex(index);
        return values.slice(Math.toIntExact(((long) offset + index) * listSize), listSize);
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : ListArray.elements(value(index));
    }

    /**
     * A builder of {@code type}, with a builder for the elements.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@link DataType.FixedSizeList}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.FixedSizeList)) {
            throw new IllegalArgumentException(type + " is not a fixed-size list type");
        }
        return (Builder) ArrayBuilder.of(allocator, type);
    }

    /**
     * Builds {@link FixedSizeListArray}s: {@link #startList()}, exactly {@code listSize} elements
     * appended to {@link #values()}, {@link #endList()}. A null slot still takes
     * {@code listSize} elements: nulls, or placeholder values when the element field is not nullable.
     *
     * {@snippet :
     * FixedSizeListArray.Builder pairs = FixedSizeListArray.builder(allocator,
     *         DataType.fixedSizeList(DataType.FLOAT64, 2));
     * pairs.startList();
     * pairs.values().as(Float64Array.Builder.class).append(1.0).append(2.0);
     * pairs.endList().appendNull();
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final ArrayBuilder values;
        private final Field element;
        private final int listSize;
        private boolean open;

        Builder(BufferAllocator allocator, DataType.FixedSizeList type, DictionaryScope scope) {
            super(allocator, type, true);
            this.element = type.element();
            this.listSize = type.listSize();
            this.values = ArrayBuilder.forField(allocator, element, scope);
        }

        /** The builder of the elements. */
        public ArrayBuilder values() {
            return values;
        }

        public int listSize() {
            return listSize;
        }

        /** Opens a list of exactly {@code listSize} elements. */
        public Builder startList() {
            checkAppend();
            checkClosedSlot();
            checkAligned();
            open = true;
            return this;
        }

        /**
         * Closes the list opened by {@link #startList()}.
         *
         * @throws IllegalStateException if not exactly {@code listSize} elements were appended
         */
        public Builder endList() {
            if (!open) {
                throw new IllegalStateException("no list is open");
            }
            long expected = (long) (length + 1) * listSize;
            if (values.length() != expected) {
                throw new IllegalStateException("a list of " + type + " got " + (values.length() - (expected - listSize))
                        + " elements");
            }
            open = false;
            markValid();
            return this;
        }

        private void checkAligned() {
            if (values.length() != (long) length * listSize) {
                throw new IllegalStateException("values were appended outside a list: values.length=" + values.length()
                        + " expected=" + (long) length * listSize);
            }
        }

        private void checkClosedSlot() {
            if (open) {
                throw new IllegalStateException("a list is open");
            }
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            checkClosedSlot();
            checkAligned();
            for (int i = 0; i < listSize; i++) {
                appendAbsent(values, element);
            }
            markNull();
            return this;
        }

        /** Takes a {@link java.util.List} of exactly {@code listSize} element values. */
        @Override
        public Builder appendObject(Object value) {
            if (value == null) {
                return appendNull();
            }
            if (!(value instanceof java.util.List<?> list)) {
                throw cannotAppend(value);
            }
            if (list.size() != listSize) {
                throw new IllegalArgumentException("a list of " + list.size() + " elements does not fit " + type);
            }
            startList();
            for (Object e : list) {
                values.appendObject(e);
            }
            return endList();
        }

        @Override
        public FixedSizeListArray build() {
            return (FixedSizeListArray) super.build();
        }

        @Override
        public FixedSizeListArray build(java.util.List<MemoryBlock> owner) {
            return (FixedSizeListArray) super.build(owner);
        }

        @Override
        void checkComplete() {
            checkClosedSlot();
            values.checkComplete();
        }

        @Override
        ArrayData finish(java.util.List<MemoryBlock> owner) {
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            return new ArrayData(type, length, 0, nulls, new MemorySegment[] {bitmap},
                    java.util.List.of(values.take(owner)), null);
        }

        @Override
        void releaseBuffers() {
            values.close();
            open = false;
        }

        @Override
        void appendFiller() {
            startList();
            for (int i = 0; i < listSize; i++) {
                values.appendFiller();
            }
            endList();
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof java.util.List<?> list && list.size() == listSize
                    && list.stream().allMatch(e -> acceptsOrNull(values, e));
        }
    }
}
