package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * 32-bit IEEE 754 floating-point numbers.
 */
public final class Float32Array extends Array {
    private final MemorySegment values;

    Float32Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public float get(int index) {
        checkIndex(index);
        return values.get(LE.FLOAT, ((long) offset + index) * 4);
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : (Object) get(index);
    }

    /** A builder of float32 values. */
    public static Builder builder(BufferAllocator allocator) {
        return new Builder(allocator);
    }

    /** A float32 array of {@code values}; its memory stays with the allocator (see {@link ArrayBuilder#build()}). */
    public static Float32Array of(BufferAllocator allocator, float... values) {
        try (Builder builder = builder(allocator)) {
            for (float value : values) {
                builder.append(value);
            }
            return builder.build();
        }
    }

    /**
     * Builds {@link Float32Array}s; {@link #appendObject} takes any {@link Number}.
     *
     * {@snippet :
     * Float32Array array = Float32Array.builder(allocator).append(1.5f).appendNull().build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;

        Builder(BufferAllocator allocator) {
            super(allocator, DataType.FLOAT32, true);
            this.values = new BufferBuilder(allocator);
        }

        /** Appends a value, as is. */
        public Builder append(float value) {
            checkAppend();
            values.appendFloat(value);
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
            if (value == null) {
                return appendNull();
            }
            if (!(value instanceof Number)) {
                throw cannotAppend(value);
            }
            return append(((Number) value).floatValue());
        }

        @Override
        public Float32Array build() {
            return (Float32Array) super.build();
        }

        @Override
        public Float32Array build(List<MemoryBlock> owner) {
            return (Float32Array) super.build(owner);
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
