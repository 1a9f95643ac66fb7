package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;

/**
 * 32-bit integers: {@code int32}, {@code uint32}, {@code date32} (days since the epoch) and
 * {@code time32} (seconds or milliseconds since midnight).
 */
public final class Int32Array extends Array {
    private final MemorySegment values;

    Int32Array(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
    }

    /** The value of slot {@code index}; unspecified (but safe) when the slot is null. */
    public int get(int index) {
        checkIndex(index);
        return values.get(LE.INT, ((long) offset + index) * 4);
    }

    /** The value of slot {@code index} read as unsigned. */
    public long getUnsigned(int index) {
        return Integer.toUnsignedLong(get(index));
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
