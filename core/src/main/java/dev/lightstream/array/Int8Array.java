package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;

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
}
