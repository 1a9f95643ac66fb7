package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * 8-bit integers, signed or unsigned ({@code int8}, {@code uint8}).
 */
public final class Int8Array extends Array {
    private final MemorySegment values;

    Int8Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public byte get(int index) {
        checkIndex(index);
        return values.get(LE.BYTE, ((long) offset + index) * 1);
    }

    /** The value of slot {@code index} read as unsigned. */
    public int getUnsigned(int index) {
        return Byte.toUnsignedInt(get(index));
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : ((DataType.Int) type()).signed() ? (Object) get(index) : (Object) (short) getUnsigned(index);
    }

    /** A builder of int8 values. */
    public static Builder builder(BufferAllocator allocator) {
        return new Builder(allocator, DataType.INT8);
    }

    /**
     * A builder for a type stored as 8-bit integers: int8 and uint8.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        return new Builder(allocator, type);
    }

    /** An int8 array of {@code values}; its memory stays with the allocator (see {@link ArrayBuilder#build()}). */
    public static Int8Array of(BufferAllocator allocator, byte... values) {
        try (Builder builder = builder(allocator)) {
            for (byte value : values) {
                builder.append(value);
            }
            return builder.build();
        }
    }

    /**
     * Builds {@link Int8Array}s: {@link #append} takes the raw 8 bits (two's complement; for
     * unsigned types the same bits read as unsigned), {@link #appendObject} any integral
     * {@link Number} in the range of the type.
     *
     * {@snippet :
     * Int8Array array = Int8Array.builder(allocator).append((byte) 1).appendNull().append((byte) 3).build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;

        Builder(BufferAllocator allocator, DataType type) {
            super(allocator, type, true);
            if (!Layouts.isPrimitiveInteger(type, 8)) {
                throw new IllegalArgumentException(type + " is not stored as 8-bit integers");
            }
            this.values = new BufferBuilder(allocator);
        }

        /** Appends a value. */
        public Builder append(byte value) {
            checkAppend();
            values.appendByte(value);
            markValid();
            return this;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            values.appendZeros(1);
            markNull();
            return this;
        }

        @Override
        public Builder appendObject(Object value) {
            return value == null ? appendNull() : append((byte) JavaValues.integralBits(value, type, 8));
        }

        @Override
        public Int8Array build() {
            return (Int8Array) super.build();
        }

        @Override
        public Int8Array build(List<MemoryBlock> owner) {
            return (Int8Array) super.build(owner);
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
            append((byte) 0);
        }

        @Override
        boolean accepts(Object value) {
            return JavaValues.fitsIntegral(value, type, 8);
        }
    }
}
