package dev.lightstream.array;

import java.lang.foreign.MemorySegment;

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
}
