package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;

/**
 * 16-bit integers, signed or unsigned ({@code int16}, {@code uint16}).
 */
public final class Int16Array extends Array {
    private final MemorySegment values;

    Int16Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public short get(int index) {
        checkIndex(index);
        return values.get(LE.SHORT, ((long) offset + index) * 2);
    }

    /** The value of slot {@code index} read as unsigned. */
    public int getUnsigned(int index) {
        return Short.toUnsignedInt(get(index));
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : ((DataType.Int) type()).signed() ? (Object) get(index) : (Object) getUnsigned(index);
    }
}
