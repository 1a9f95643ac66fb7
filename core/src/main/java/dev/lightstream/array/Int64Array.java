package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * 64-bit integers: {@code int64}, {@code uint64}, {@code date64}, {@code time64},
 * {@code timestamp} and {@code duration}.
 */
public final class Int64Array extends Array {
    private final MemorySegment values;

    Int64Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public long get(int index) {
        checkIndex(index);
        return values.get(LE.LONG, ((long) offset + index) * 8);
    }

    /** The value of slot {@code index} read as unsigned. */
    public java.math.BigInteger getUnsigned(int index) {
        long v = get(index);
        java.math.BigInteger b = java.math.BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : type() instanceof DataType.Int i && !i.signed() ? (Object) getUnsigned(index) : (Object) get(index);
    }

    /** A builder of int64 values. */
    public static Builder builder(BufferAllocator allocator) {
        return new Builder(allocator, DataType.INT64);
    }

    /**
     * A builder for a type stored as 64-bit integers: int64, uint64, date64, time64, timestamp and duration.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        return new Builder(allocator, type);
    }

    /** An int64 array of {@code values}; its memory stays with the allocator (see {@link ArrayBuilder#build()}). */
    public static Int64Array of(BufferAllocator allocator, long... values) {
        try (Builder builder = builder(allocator)) {
            for (long value : values) {
                builder.append(value);
            }
            return builder.build();
        }
    }

    /**
     * Builds {@link Int64Array}s: {@link #append} takes the raw 64 bits (two's complement; for
     * unsigned types the same bits read as unsigned), {@link #appendObject} any integral
     * {@link Number} in the range of the type.
     *
     * {@snippet :
     * Int64Array array = Int64Array.builder(allocator).append((long) 1).appendNull().append((long) 3).build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;

        Builder(BufferAllocator allocator, DataType type) {
            super(allocator, type, true);
            if (!Layouts.isPrimitiveInteger(type, 64)) {
                throw new IllegalArgumentException(type + " is not stored as 64-bit integers");
            }
            this.values = new BufferBuilder(allocator);
        }

        /** Appends a value. */
        public Builder append(long value) {
            checkAppend();
            values.appendLong(value);
            markValid();
            return this;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            values.appendZeros(8);
            markNull();
            return this;
        }

        @Override
        public Builder appendObject(Object value) {
            return value == null ? appendNull() : append((long) JavaValues.integralBits(value, type, 64));
        }

        @Override
        public Int64Array build() {
            return (Int64Array) super.build();
        }

        @Override
        public Int64Array build(List<MemoryBlock> owner) {
            return (Int64Array) super.build(owner);
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
            append((long) 0);
        }

        @Override
        boolean accepts(Object value) {
            return JavaValues.fitsIntegral(value, type, 64);
        }
    }
}
