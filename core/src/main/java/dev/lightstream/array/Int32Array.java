package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * 32-bit integers: {@code int32}, {@code uint32}, {@code date32} (days since the epoch) and
 * {@code time32} (seconds or milliseconds since midnight).
 */
public final class Int32Array extends Array {
    private final MemorySegment values;

    Int32Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public int get(int index) {
        checkIndex(index);
        return values.get(LE.INT, ((long) offset + index) * 4);
    }

    /** The value of slot {@code index} read as unsigned. */
    public long getUnsigned(int index) {
        return Integer.toUnsignedLong(get(index));
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : type() instanceof DataType.Int i && !i.signed() ? (Object) getUnsigned(index) : (Object) get(index);
    }

    /** A builder of int32 values. */
    public static Builder builder(BufferAllocator allocator) {
        return new Builder(allocator, DataType.INT32);
    }

    /**
     * A builder for a type stored as 32-bit integers: int32, uint32, date32 and time32.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        return new Builder(allocator, type);
    }

    /** An int32 array of {@code values}; its memory stays with the allocator (see {@link ArrayBuilder#build()}). */
    public static Int32Array of(BufferAllocator allocator, int... values) {
        try (Builder builder = builder(allocator)) {
            for (int value : values) {
                builder.append(value);
            }
            return builder.build();
        }
    }

    /**
     * Builds {@link Int32Array}s: {@link #append} takes the raw 32 bits (two's complement; for
     * unsigned types the same bits read as unsigned), {@link #appendObject} any integral
     * {@link Number} in the range of the type.
     *
     * {@snippet :
     * Int32Array array = Int32Array.builder(allocator).append((int) 1).appendNull().append((int) 3).build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;

        Builder(BufferAllocator allocator, DataType type) {
            super(allocator, type, true);
            if (!Layouts.isPrimitiveInteger(type, 32)) {
                throw new IllegalArgumentException(type + " is not stored as 32-bit integers");
            }
            this.values = new BufferBuilder(allocator);
        }

        /** Appends a value. */
        public Builder append(int value) {
            checkAppend();
            values.appendInt(value);
            markValid();
            return this;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            values.appendZeros(4);
            markNull();
            return this;
        }

        @Override
        public Builder appendObject(Object value) {
            return value == null ? appendNull() : append((int) JavaValues.integralBits(value, type, 32));
        }

        @Override
        public Int32Array build() {
            return (Int32Array) super.build();
        }

        @Override
        public Int32Array build(List<MemoryBlock> owner) {
            return (Int32Array) super.build(owner);
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
            append((int) 0);
        }

        @Override
        boolean accepts(Object value) {
            return JavaValues.fitsIntegral(value, type, 32);
        }
    }
}
