package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** Booleans, one bit per value. */
public final class BooleanArray extends Array {
    private final MemorySegment values;

    BooleanArray(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public boolean get(int index) {
        checkIndex(index);
        return Bitmaps.get(values, (long) offset + index);
    }

    /** The values bitmap, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : get(index);
    }

    /** A builder of booleans. */
    public static Builder builder(BufferAllocator allocator) {
        return new Builder(allocator);
    }

    /** A boolean array of {@code values}; its memory stays with the allocator (see {@link ArrayBuilder#build()}). */
    public static BooleanArray of(BufferAllocator allocator, boolean... values) {
        try (Builder builder = builder(allocator)) {
            for (boolean value : values) {
                builder.append(value);
            }
            return builder.build();
        }
    }

    /**
     * Builds {@link BooleanArray}s, one bit per value; {@link #appendObject} takes a {@link Boolean}.
     *
     * {@snippet :
     * BooleanArray flags = BooleanArray.builder(allocator).append(true).appendNull().append(false).build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder bits;

        Builder(BufferAllocator allocator) {
            super(allocator, DataType.BOOL, true);
            this.bits = new BufferBuilder(allocator);
        }

        public Builder append(boolean value) {
            checkAppend();
            bits.setSize(Bitmaps.byteLength((long) length + 1));
            if (value) {
                Bitmaps.set(bits.segment(), length, true);
            }
            markValid();
            return this;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            bits.setSize(Bitmaps.byteLength((long) length + 1));
            markNull();
            return this;
        }

        @Override
        public Builder appendObject(Object value) {
            if (value == null) {
                return appendNull();
            }
            if (!(value instanceof Boolean b)) {
                throw cannotAppend(value);
            }
            return append(b);
        }

        @Override
        public BooleanArray build() {
            return (BooleanArray) super.build();
        }

        @Override
        public BooleanArray build(List<MemoryBlock> owner) {
            return (BooleanArray) super.build(owner);
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            return new ArrayData(type, length, 0, nulls, new MemorySegment[] {bitmap, bits.finish(owner)}, List.of(), null);
        }

        @Override
        void releaseBuffers() {
            bits.close();
        }

        @Override
        void appendFiller() {
            append(false);
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof Boolean;
        }
    }
}
