package dev.lightstream.array;

import dev.lightstream.schema.DataType;

/** Lists of exactly {@code listSize} elements: slot {@code i} is child slots {@code [i*n, (i+1)*n)}. */
public final class FixedSizeListArray extends Array {
    private final int listSize;
    private final Array values;

    FixedSizeListArray(ArrayData data) {
        super(data);
        this.listSize = ((DataType.FixedSizeList) Layouts.physical(data.type())).listSize();
        this.values = Array.of(data.child(0));
    }

    public int listSize() {
        return listSize;
    }

    /** The whole child array, from the start of the underlying data (the array offset is not applied). */
    public Array values() {
        return values;
    }

    /** The elements of slot {@code index}, a zero-copy slice of {@link #values()}. */
    public Array value(int index) {
        checkIndex(index);
        return values.slice(Math.toIntExact(((long) offset + index) * listSize), listSize);
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : ListArray.elements(value(index));
    }
}
