package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** An array of the null type: every slot is null and there are no buffers. */
public final class NullArray extends Array {
    NullArray(ArrayData data) {
        super(data);
    }

    /** A null array of {@code length} slots. */
    public static NullArray of(int length) {
        return new NullArray(new ArrayData(DataType.NULL, length, 0, length, new MemorySegment[0], List.of(), null));
    }

    /** A builder of null arrays (it allocates nothing). */
    public static Builder builder(BufferAllocator allocator) {
        return new Builder(allocator);
    }

    @Override
    public boolean isNull(int index) {
        checkIndex(index);
        return true;
    }

    @Override
    public Object getObject(int index) {
        checkIndex(index);
        return null;
    }

    /**
     * Builds {@link NullArray}s: only counts slots.
     *
     * {@snippet :
     * NullArray nulls = NullArray.builder(allocator).appendNulls(3).build();
     * }
     */
    public static final class Builder extends ArrayBuilder {
        Builder(BufferAllocator allocator) {
            super(allocator, DataType.NULL, false);
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            length++;
            return this;
        }

        /** Appends {@code count} null slots. */
        public Builder appendNulls(int count) {
            checkOpen();
            if (count < 0 || count > Integer.MAX_VALUE - length) {
                throw new IllegalArgumentException("count=" + count + " with length=" + length);
            }
            length += count;
            return this;
        }

        /** Takes only null. */
        @Override
        public Builder appendObject(Object value) {
            if (value != null) {
                throw cannotAppend(value);
            }
            return appendNull();
        }

        @Override
        public int nullCount() {
            return length;
        }

        @Override
        public NullArray build() {
            return (NullArray) super.build();
        }

        @Override
        public NullArray build(List<MemoryBlock> owner) {
            return (NullArray) super.build(owner);
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            return new ArrayData(type, length, 0, length, new MemorySegment[0], List.of(), null);
        }

        @Override
        void releaseBuffers() {}

        @Override
        void appendFiller() {
            appendNull();
        }

        @Override
        boolean accepts(Object value) {
            return value == null;
        }
    }
}
