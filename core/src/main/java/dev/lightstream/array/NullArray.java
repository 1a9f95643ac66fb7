package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** An array of the null type: every slot is null and there are no buffers. */
public final class NullArray extends Array {
    NullArray(ArrayData data) {
        super(data);
    }

    /** A null array of {@code length} slots. */
    public static NullArray of(int length) {
        return new NullArray(new ArrayData(DataType.NULL, length, 0, length, new MemorySegment[0], List.of(), null));
    }

    @Override
    public boolean isNull(int index) {
        checkIndex(index);
        return true;
    }

    @Override
    public Object getObject(int index) {
        checkIndex(index);
        return null;
    }
}
