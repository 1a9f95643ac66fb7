package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Variable-length bytes addressed by an offsets buffer: {@code binary} and {@code utf8} with
 * 32-bit offsets, {@code large_binary} and {@code large_utf8} with 64-bit offsets.
 */
public final class BinaryArray extends Array {
    private final MemorySegment offsets;
    private final MemorySegment values;
    private final boolean large;
    private final boolean utf8;

    BinaryArray(ArrayData data) {
        super(data);
        this.offsets = data.buffer(1);
        this.values = data.buffer(2);
        DataType type = Layouts.physical(data.type());
        this.large = type instanceof DataType.LargeBinary || type instanceof DataType.LargeUtf8;
        this.utf8 = type instanceof DataType.Utf8 || type instanceof DataType.LargeUtf8;
    }

    /** True for the 64-bit offset types. */
    public boolean isLarge() {
        return large;
    }

    /** True for {@code utf8} and {@code large_utf8}. */
    public boolean isUtf8() {
        return utf8;
    }

    /** The start of slot {@code index} in the values buffer. */
    public long valueStart(int index) {
        checkIndex(index);
        return rawOffset(index);
    }

    /** The end (exclusive) of slot {@code index} in the values buffer. */
    public long valueEnd(int index) {
        checkIndex(index);
        return rawOffset(index + 1);
    }

    /** The byte length of slot {@code index}. */
    public long valueLength(int index) {
        checkIndex(index);
        return rawOffset(index + 1) - rawOffset(index);
    }

    private long rawOffset(int i) {
        long slot = (long) offset + i;
        return large ? offsets.get(LE.LONG, slot * 8) : offsets.get(LE.INT, slot * 4);
    }

    /** A zero-copy view of the bytes of slot {@code index}. */
    public MemorySegment getSegment(int index) {
        long start = valueStart(index);
        return values.asSlice(start, rawOffset(index + 1) - start);
    }

    /** A copy of the bytes of slot {@code index}. */
    public byte[] getBytes(int index) {
        return getSegment(index).toArray(LE.BYTE);
    }

    /** The bytes of slot {@code index} decoded as UTF-8 (malformed input is replaced). */
    public String getString(int index) {
        return new String(getBytes(index), StandardCharsets.UTF_8);
    }

    /** The offsets buffer, from the start of the underlying data. */
    public MemorySegment offsets() {
        return offsets;
    }

    /** The values (data) buffer. */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        if (isNull(index)) {
            return null;
        }
        return utf8 ? getString(index) : getBytes(index);
    }

    /**
     * A builder of {@code type}: binary, utf8, large_binary or large_utf8.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        return new Builder(allocator, type);
    }

    /** A utf8 array of {@code values} (null for a null slot); its memory stays with the allocator. */
    public static BinaryArray ofStrings(BufferAllocator allocator, String... values) {
        return (BinaryArray) ArrayBuilder.fromObjects(allocator, DataType.UTF8, (Object[]) values);
    }

    /** A binary array of {@code values} (null for a null slot); its memory stays with the allocator. */
    public static BinaryArray ofBytes(BufferAllocator allocator, byte[]... values) {
        return (BinaryArray) ArrayBuilder.fromObjects(allocator, DataType.BINARY, (Object[]) values);
    }

    /**
     * Builds {@link BinaryArray}s: values are copied one after the other into the data buffer and
     * the offsets record where each ends. Strings are encoded as UTF-8.
     *
     * {@snippet :
     * BinaryArray names = BinaryArray.builder(allocator, DataType.UTF8)
     *         .append("Zoë").appendNull().append("").build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder offsets;
        private final BufferBuilder data;
        private final boolean large;
        private final boolean utf8;

        Builder(BufferAllocator allocator, DataType type) {
            super(allocator, type, true);
            this.large = type instanceof DataType.LargeBinary || type instanceof DataType.LargeUtf8;
            this.utf8 = type instanceof DataType.Utf8 || type instanceof DataType.LargeUtf8;
            if (!large && !utf8 && !(type instanceof DataType.Binary)) {
                throw new IllegalArgumentException(type + " is not binary, utf8, large_binary or large_utf8");
            }
            this.offsets = new BufferBuilder(allocator);
            this.data = new BufferBuilder(allocator);
        }

        /** Appends a copy of {@code value}. */
        public Builder append(byte[] value) {
            return append(value, 0, value.length);
        }

        /** Appends a copy of {@code count} bytes of {@code value} from {@code from}. */
        public Builder append(byte[] value, int from, int count) {
            java.util.Objects.checkFromIndexSize(from, count, value.length);
            beginValue(count);
            data.append(value, from, count);
            endValue();
            return this;
        }

        /** Appends a copy of the bytes of {@code value}. */
        public Builder append(MemorySegment value) {
            beginValue(value.byteSize());
            data.append(value);
            endValue();
            return this;
        }

        /** Appends {@code value} encoded as UTF-8 (unpaired surrogates become '?'). */
        public Builder append(String value) {
            return append(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        private void beginValue(long count) {
            checkAppend();
            long max = large ? Long.MAX_VALUE : Integer.MAX_VALUE;
            if (count > max - data.size()) {
                throw new IllegalStateException("builder of " + type + " would hold more than " + max
                        + " bytes: size=" + data.size() + " value=" + count);
            }
            firstOffset();
        }

        private void endValue() {
            appendOffset();
            markValid();
        }

        private void firstOffset() {
            if (offsets.size() == 0) {
                appendOffset();
            }
        }

        private void appendOffset() {
            if (large) {
                offsets.appendLong(data.size());
            } else {
                offsets.appendInt((int) data.size());
            }
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            firstOffset();
            appendOffset();
            markNull();
            return this;
        }

        /** Takes a {@link String} or a {@code byte[]}, whatever the type. */
        @Override
        public Builder appendObject(Object value) {
            return switch (value) {
                case null -> appendNull();
                case String str -> append(str);
                case byte[] bytes -> append(bytes);
                default -> throw cannotAppend(value);
            };
        }

        @Override
        public BinaryArray build() {
            return (BinaryArray) super.build();
        }

        @Override
        public BinaryArray build(List<MemoryBlock> owner) {
            return (BinaryArray) super.build(owner);
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            firstOffset();
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            MemorySegment[] buffers = {bitmap, offsets.finish(owner), data.finish(owner)};
            return new ArrayData(type, length, 0, nulls, buffers, List.of(), null);
        }

        @Override
        void releaseBuffers() {
            offsets.close();
            data.close();
        }

        @Override
        void appendFiller() {
            append(new byte[0]);
        }

        @Override
        boolean accepts(Object value) {
            return utf8 ? value instanceof String : value instanceof byte[];
        }
    }
}
