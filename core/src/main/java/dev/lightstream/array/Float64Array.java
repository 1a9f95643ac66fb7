package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * 64-bit IEEE 754 floating-point numbers.
 */
public final class Float64Array extends Array {
    private final MemorySegment values;

    Float64Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public double get(int index) {
        checkIndex(index);
        return values.get(LE.DOUBLE, ((long) offset + index) * 8);
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : (Object) get(index);
    }

    /** A builder of float64 values. */
    public static Builder builder(BufferAllocator allocator) {
        return new Builder(allocator);
    }

    /** A float64 array of {@code values}; its memory stays with the allocator (see {@link ArrayBuilder#build()}). */
    public static Float64Array of(BufferAllocator allocator, double... values) {
        try (Builder builder = builder(allocator)) {
            for (double value : values) {
                builder.append(value);
            }
            return builder.build();
        }
    }

    /**
     * Builds {@link Float64Array}s; {@link #appendObject} takes any {@link Number}.
     *
     * {@snippet :
     * Float64Array array = Float64Array.builder(allocator).append(1.5).appendNull().build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;

        Builder(BufferAllocator allocator) {
            super(allocator, DataType.FLOAT64, true);
            this.values = new BufferBuilder(allocator);
        }

        /** Appends a value, as is. */
        public Builder append(double value) {
            checkAppend();
            values.appendDouble(value);
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
            if (value == null) {
                return appendNull();
            }
            if (!(value instanceof Number)) {
                throw cannotAppend(value);
            }
            return append(((Number) value).doubleValue());
        }

        @Override
        public Float64Array build() {
            return (Float64Array) super.build();
        }

        @Override
        public Float64Array build(List<MemoryBlock> owner) {
            return (Float64Array) super.build(owner);
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
            append(0d);
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof Double;
        }
    }
}
