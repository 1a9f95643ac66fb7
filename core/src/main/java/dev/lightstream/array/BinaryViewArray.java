package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

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
}
