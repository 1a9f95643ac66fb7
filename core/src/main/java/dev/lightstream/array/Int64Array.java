package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;

/**
 * 64-bit integers: {@code int64}, {@code uint64}, {@code date64}, {@code time64},
 * {@code timestamp} and {@code duration}.
 */
public final class Int64Array extends Array {
    private final MemorySegment values;

    Int64Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public long get(int index) {
        checkIndex(index);
        return values.get(LE.LONG, ((long) offset + index) * 8);
    }

    /** The value of slot {@code index} read as unsigned. */
    public java.math.BigInteger getUnsigned(int index) {
        long v = get(index);
        java.math.BigInteger b = java.math.BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : type() instanceof DataType.Int i && !i.signed() ? (Object) getUnsigned(index) : (Object) get(index);
    }
}
