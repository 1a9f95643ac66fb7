package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** Byte strings of one fixed width. */
public final class FixedSizeBinaryArray extends Array {
    private final MemorySegment values;
    private final int byteWidth;

    FixedSizeBinaryArray(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
        this.byteWidth = ((DataType.FixedSizeBinary) data.type()).byteWidth();
    }

    public int byteWidth() {
        return byteWidth;
    }

    /** A zero-copy view of the bytes of slot {@code index}. */
    public MemorySegment getSegment(int index) {
        checkIndex(index);
        return values.asSlice(((long) offset + index) * byteWidth, byteWidth);
    }

    /** A copy of the bytes of slot {@code index}. */
    public byte[] getBytes(int index) {
        return getSegment(index).toArray(LE.BYTE);
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : getBytes(index);
    }

    /** A builder of byte strings of {@code byteWidth} bytes each. */
    public static Builder builder(BufferAllocator allocator, int byteWidth) {
        return new Builder(allocator, DataType.fixedSizeBinary(byteWidth));
    }

    /**
     * A builder of {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@link DataType.FixedSizeBinary}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.FixedSizeBinary f)) {
            throw new IllegalArgumentException(type + " is not a fixed-size binary type");
        }
        return new Builder(allocator, f);
    }

    /**
     * Builds {@link FixedSizeBinaryArray}s; every value must have exactly the type's width.
     *
     * {@snippet :
     * FixedSizeBinaryArray ids = FixedSizeBinaryArray.builder(allocator, 2)
     *         .append(new byte[] {1, 2}).appendNull().build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;
        private final int byteWidth;

        Builder(BufferAllocator allocator, DataType.FixedSizeBinary type) {
            super(allocator, type, true);
            this.values = new BufferBuilder(allocator);
            this.byteWidth = type.byteWidth();
        }

        /**
         * Appends a value.
         *
         * @throws IllegalArgumentException if its length is not the type's width
         */
        public Builder append(byte[] value) {
            checkWidth(value.length);
            checkAppend();
            values.append(value, 0, value.length);
            markValid();
            return this;
        }

        /** Appends the bytes of {@code value}, which must be {@code byteWidth} long. */
        public Builder append(MemorySegment value) {
            checkWidth(value.byteSize());
            checkAppend();
            values.append(value);
            markValid();
            return this;
        }

        private void checkWidth(long width) {
            if (width != byteWidth) {
                throw new IllegalArgumentException("value of " + width + " bytes does not fit " + type);
            }
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            values.appendZeros(byteWidth);
            markNull();
            return this;
        }

        @Override
        public Builder appendObject(Object value) {
            if (value == null) {
                return appendNull();
            }
            if (!(value instanceof byte[] bytes)) {
                throw cannotAppend(value);
            }
            return append(bytes);
        }

        @Override
        public FixedSizeBinaryArray build() {
            return (FixedSizeBinaryArray) super.build();
        }

        @Override
        public FixedSizeBinaryArray build(List<MemoryBlock> owner) {
            return (FixedSizeBinaryArray) super.build(owner);
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
            checkAppend();
            values.appendZeros(byteWidth);
            markValid();
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof byte[] bytes && bytes.length == byteWidth;
        }
    }
}
