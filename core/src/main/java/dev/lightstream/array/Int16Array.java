package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * 16-bit integers, signed or unsigned ({@code int16}, {@code uint16}).
 */
public final class Int16Array extends Array {
    private final MemorySegment values;

    Int16Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public short get(int index) {
        checkIndex(index);
        return values.get(LE.SHORT, ((long) offset + index) * 2);
    }

    /** The value of slot {@code index} read as unsigned. */
    public int getUnsigned(int index) {
        return Short.toUnsignedInt(get(index));
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : ((DataType.Int) type()).signed() ? (Object) get(index) : (Object) getUnsigned(index);
    }

    /** A builder of int16 values. */
    public static Builder builder(BufferAllocator allocator) {
        return new Builder(allocator, DataType.INT16);
    }

    /**
     * A builder for a type stored as 16-bit integers: int16 and uint16.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        return new Builder(allocator, type);
    }

    /** An int16 array of {@code values}; its memory stays with the allocator (see {@link ArrayBuilder#build()}). */
    public static Int16Array of(BufferAllocator allocator, short... values) {
        try (Builder builder = builder(allocator)) {
            for (short value : values) {
                builder.append(value);
            }
            return builder.build();
        }
    }

    /**
     * Builds {@link Int16Array}s: {@link #append} takes the raw 16 bits (two's complement; for
     * unsigned types the same bits read as unsigned), {@link #appendObject} any integral
     * {@link Number} in the range of the type.
     *
     * {@snippet :
     * Int16Array array = Int16Array.builder(allocator).append((short) 1).appendNull().append((short) 3).build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;

        Builder(BufferAllocator allocator, DataType type) {
            super(allocator, type, true);
            if (!Layouts.isPrimitiveInteger(type, 16)) {
                throw new IllegalArgumentException(type + " is not stored as 16-bit integers");
            }
            this.values = new BufferBuilder(allocator);
        }

        /** Appends a value. */
        public Builder append(short value) {
            checkAppend();
            values.appendShort(value);
            markValid();
            return this;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            values.appendZeros(2);
            markNull();
            return this;
        }

        @Override
        public Builder appendObject(Object value) {
            return value == null ? appendNull() : append((short) JavaValues.integralBits(value, type, 16));
        }

        @Override
        public Int16Array build() {
            return (Int16Array) super.build();
        }

        @Override
        public Int16Array build(List<MemoryBlock> owner) {
            return (Int16Array) super.build(owner);
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            return new ArrayData(type, length, 0, nulls, new MemorySegment[] {bitmap, values.finish(owner)}, List.of(), null);
        }

        @Override
        void releaseBuffers() {
            values.close();
        }

        @Override
        void appendFiller() {
            append((short) 0);
        }

        @Override
        boolean accepts(Object value) {
            return JavaValues.fitsIntegral(value, type, 16);
        }
    }
}
