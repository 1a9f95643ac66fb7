package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code binary_view} and {@code utf8_view}: a 16-byte view per value. A view holds the length
 * (int32), then either the value itself inline (up to 12 bytes) or a 4-byte prefix, the index of a
 * data buffer and the offset in it.
 */
public final class BinaryViewArray extends Array {
    /** Values of at most this many bytes are stored inside their view. */
    public static final int MAX_INLINE = 12;

    private final MemorySegment views;
    private final boolean utf8;

    BinaryViewArray(ArrayData data) {
        super(data);
        this.views = data.buffer(1);
        this.utf8 = Layouts.physical(data.type()) instanceof DataType.Utf8View;
    }

    public boolean isUtf8() {
        return utf8;
    }

    /** The byte length of slot {@code index}. */
    public int valueLength(int index) {
        checkIndex(index);
        return views.get(LE.INT, ((long) offset + index) * 16);
    }

    /** The number of variadic data buffers. */
    public int dataBufferCount() {
        return data.bufferCount() - 2;
    }

    public MemorySegment dataBuffer(int i) {
        return data.buffer(2 + i);
    }

    /** A zero-copy view of the bytes of slot {@code index}. */
    public MemorySegment getSegment(int index) {
        checkIndex(index);
        long view = ((long) offset + index) * 16;
        int len = views.get(LE.INT, view);
        if (len <= MAX_INLINE) {
            return views.asSlice(view + 4, len);
        }
        int bufferIndex = views.get(LE.INT, view + 8);
        int bufferOffset = views.get(LE.INT, view + 12);
        return data.buffer(2 + bufferIndex).asSlice(Integer.toUnsignedLong(bufferOffset), len);
    }

    public byte[] getBytes(int index) {
        return getSegment(index).toArray(LE.BYTE);
    }

    public String getString(int index) {
        return new String(getBytes(index), StandardCharsets.UTF_8);
    }

    /** The views buffer, from the start of the underlying data. */
    public MemorySegment views() {
        return views;
    }

    @Override
    public Object getObject(int index) {
        if (isNull(index)) {
            return null;
        }
        return utf8 ? getString(index) : getBytes(index);
    }

    /**
     * A builder of {@code type} (binary_view or utf8_view) whose data buffers hold up to
     * {@link Builder#DEFAULT_DATA_BUFFER_SIZE} bytes each.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        return new Builder(allocator, type, Builder.DEFAULT_DATA_BUFFER_SIZE);
    }

    /**
     * A builder of {@code type} whose data buffers hold up to {@code dataBufferSize} bytes each
     * (a longer value gets a buffer of its own).
     *
     * @throws IllegalArgumentException for a type other than binary_view and utf8_view, or a size below 1
     */
    public static Builder builder(BufferAllocator allocator, DataType type, int dataBufferSize) {
        return new Builder(allocator, type, dataBufferSize);
    }

    /** A utf8_view array of {@code values} (null for a null slot); its memory stays with the allocator. */
    public static BinaryViewArray ofStrings(BufferAllocator allocator, String... values) {
        return (BinaryViewArray) ArrayBuilder.fromObjects(allocator, DataType.UTF8_VIEW, (Object[]) values);
    }

    /**
     * Builds {@link BinaryViewArray}s. A value of up to {@link #MAX_INLINE} bytes is stored inside
     * its view; a longer one is copied into the current data buffer, and the view records its
     * first four bytes, the buffer's index and the offset in it. A data buffer is closed once the
     * next value would take it over the size bound, so no buffer outgrows it (unless a single
     * value is longer than the bound).
     *
     * <pre>
     * view, 16 bytes:  | length: int32 | inline bytes (12, zero-padded)                  |   length &lt;= 12
     *                  | length: int32 | prefix (4) | buffer index: int32 | offset: int32 |   length &gt; 12
     * </pre>
     *
     * {@snippet :
     * BinaryViewArray words = BinaryViewArray.builder(allocator, DataType.UTF8_VIEW)
     *         .append("short").append("longer than twelve bytes").build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        /** The default bound of a data buffer: 1 MiB. */
        public static final int DEFAULT_DATA_BUFFER_SIZE = 1 << 20;

        private final BufferBuilder views;
        private final int dataBufferSize;
        private final boolean utf8;
        private final List<MemorySegment> completed = new java.util.ArrayList<>();
        private final List<MemoryBlock> completedBlocks = new java.util.ArrayList<>();
        private BufferBuilder current;

        Builder(BufferAllocator allocator, DataType type, int dataBufferSize) {
            super(allocator, type, true);
            if (!(type instanceof DataType.BinaryView) && !(type instanceof DataType.Utf8View)) {
                throw new IllegalArgumentException(type + " is not binary_view or utf8_view");
            }
            if (dataBufferSize < 1) {
                throw new IllegalArgumentException("dataBufferSize=" + dataBufferSize + " must be positive");
            }
            this.utf8 = type instanceof DataType.Utf8View;
            this.dataBufferSize = dataBufferSize;
            this.views = new BufferBuilder(allocator);
        }

        /** Appends a copy of {@code value}. */
        public Builder append(byte[] value) {
            return append(MemorySegment.ofArray(value));
        }

        /** Appends {@code value} encoded as UTF-8 (unpaired surrogates become '?'). */
        public Builder append(String value) {
            return append(value.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Appends a copy of the bytes of {@code value}.
         *
         * @throws IllegalArgumentException if it is longer than {@link Integer#MAX_VALUE} bytes
         */
        public Builder append(MemorySegment value) {
            long size = value.byteSize();
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a view value cannot hold " + size + " bytes");
            }
            checkAppend();
            int len = (int) size;
            views.reserve(16);
            long view = views.size();
            views.appendInt(len);
            if (len <= MAX_INLINE) {
                views.append(value);
                views.appendZeros(MAX_INLINE - len);
            } else {
                views.append(value.asSlice(0, 4));
                BufferBuilder target = dataBufferFor(len);
                views.appendInt(completed.size());
                views.appendInt((int) target.size());
                target.append(value);
            }
            assert views.size() == view + 16;
            markValid();
            return this;
        }

        private BufferBuilder dataBufferFor(int len) {
            if (current != null && current.size() > 0 && current.size() + len > dataBufferSize) {
                completed.add(current.finish(completedBlocks));
                current.close();
                current = null;
            }
            if (current == null) {
                current = new BufferBuilder(allocator);
            }
            return current;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            views.appendZeros(16);
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
        public BinaryViewArray build() {
            return (BinaryViewArray) super.build();
        }

        @Override
        public BinaryViewArray build(List<MemoryBlock> owner) {
            return (BinaryViewArray) super.build(owner);
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            if (current != null && current.size() > 0) {
                completed.add(current.finish(completedBlocks));
            }
            if (current != null) {
                current.close();
                current = null;
            }
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            MemorySegment[] buffers = new MemorySegment[2 + completed.size()];
            buffers[0] = bitmap;
            buffers[1] = views.finish(owner);
            for (int i = 0; i < completed.size(); i++) {
                buffers[2 + i] = completed.get(i);
            }
            owner.addAll(completedBlocks);
            completed.clear();
            completedBlocks.clear();
            return new ArrayData(type, length, 0, nulls, buffers, List.of(), null);
        }

        @Override
        void releaseBuffers() {
            views.close();
            if (current != null) {
                current.close();
                current = null;
            }
            completedBlocks.forEach(MemoryBlock::release);
            completedBlocks.clear();
            completed.clear();
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
