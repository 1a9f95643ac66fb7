package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * 16-bit IEEE 754 floating-point numbers ({@code float16}); {@link #get} returns the raw bits.
 */
public final class Float16Array extends Array {
    private final MemorySegment values;

    Float16Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public short get(int index) {
        checkIndex(index);
        return values.get(LE.SHORT, ((long) offset + index) * 2);
    }

    /** The value of slot {@code index} widened to a float. */
    public float getFloat(int index) {
        return Float.float16ToFloat(get(index));
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : (Object) getFloat(index);
    }

    /** A builder of float16 values. */
    public static Builder builder(BufferAllocator allocator) {
        return new Builder(allocator);
    }

    /** A float16 array of {@code values}; its memory stays with the allocator (see {@link ArrayBuilder#build()}). */
    public static Float16Array of(BufferAllocator allocator, float... values) {
        try (Builder builder = builder(allocator)) {
            for (float value : values) {
                builder.append(value);
            }
            return builder.build();
        }
    }

    /**
     * Builds {@link Float16Array}s; {@link #appendObject} takes any {@link Number}.
     *
     * {@snippet :
     * Float16Array array = Float16Array.builder(allocator).append(1.5f).appendNull().build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;

        Builder(BufferAllocator allocator) {
            super(allocator, DataType.FLOAT16, true);
            this.values = new BufferBuilder(allocator);
        }

        /** Appends a value, rounded to the nearest float16. */
        public Builder append(float value) {
            checkAppend();
            values.appendShort(Float.floatToFloat16(value));
            markValid();
            return this;
        }

        /** Appends a value given as its raw 16 bits (any NaN payload is kept). */
        public Builder appendBits(short bits) {
            checkAppend();
            values.appendShort(bits);
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
            if (value == null) {
                return appendNull();
            }
            if (!(value instanceof Number)) {
                throw cannotAppend(value);
            }
            return append(((Number) value).floatValue());
        }

        @Override
        public Float16Array build() {
            return (Float16Array) super.build();
        }

        @Override
        public Float16Array build(List<MemoryBlock> owner) {
            return (Float16Array) super.build(owner);
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
            append(0f);
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof Float;
        }
    }
}
