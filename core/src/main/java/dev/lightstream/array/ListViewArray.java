package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;

/**
 * Lists given by an offset and a size each, into one child array, in any order and possibly
 * overlapping: {@code list_view} (32-bit) and {@code large_list_view} (64-bit).
 */
public final class ListViewArray extends Array {
    private final MemorySegment offsets;
    private final MemorySegment sizes;
    private final boolean large;
    private final Array values;

    ListViewArray(ArrayData data) {
        super(data);
        this.offsets = data.buffer(1);
        this.sizes = data.buffer(2);
        this.large = Layouts.physical(data.type()) instanceof DataType.LargeListView;
        this.values = Array.of(data.child(0));
    }

    public boolean isLarge() {
        return large;
    }

    public Array values() {
        return values;
    }

    public long valueStart(int index) {
        checkIndex(index);
        long slot = (long) offset + index;
        return large ? offsets.get(LE.LONG, slot * 8) : offsets.get(LE.INT, slot * 4);
    }

    public int valueLength(int index) {
        checkIndex(index);
        long slot = (long) offset + index;
        return Math.toIntExact(large ? sizes.get(LE.LONG, slot * 8) : sizes.get(LE.INT, slot * 4));
    }

    /** The elements of slot {@code index}, a zero-copy slice of {@link #values()}. */
    public Array value(int index) {
        return values.slice(Math.toIntExact(valueStart(index)), valueLength(index));
    }

    public MemorySegment offsets() {
        return offsets;
    }

    public MemorySegment sizes() {
        return sizes;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : ListArray.elements(value(index));
    }
}
