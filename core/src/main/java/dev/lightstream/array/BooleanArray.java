package dev.lightstream.array;

import java.lang.foreign.MemorySegment;

/** Booleans, one bit per value. */
public final class BooleanArray extends Array {
    private final MemorySegment values;

    BooleanArray(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public boolean get(int index) {
        checkIndex(index);
        return Bitmaps.get(values, (long) offset + index);
    }

    /** The values bitmap, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : get(index);
    }
}
