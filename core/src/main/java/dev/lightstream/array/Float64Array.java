package dev.lightstream.array;

import java.lang.foreign.MemorySegment;

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
}
