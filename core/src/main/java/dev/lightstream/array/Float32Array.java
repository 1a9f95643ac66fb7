package dev.lightstream.array;

import java.lang.foreign.MemorySegment;

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
}
