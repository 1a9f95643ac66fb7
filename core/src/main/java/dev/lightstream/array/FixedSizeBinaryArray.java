package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;

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
}
