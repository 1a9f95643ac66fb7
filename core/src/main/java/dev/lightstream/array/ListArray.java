package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Lists addressed by an offsets buffer into one child array: {@code list} (32-bit offsets) and
 * {@code large_list} (64-bit offsets).
 */
public final class ListArray extends Array {
    private final MemorySegment offsets;
    private final boolean large;
    private final Array values;

    ListArray(ArrayData data) {
        super(data);
        this.offsets = data.buffer(1);
        this.large = Layouts.physical(data.type()) instanceof DataType.LargeList;
        this.values = Array.of(data.child(0));
    }

    public boolean isLarge() {
        return large;
    }

    /** The whole child array; slot {@code i} covers {@code [valueStart(i), valueEnd(i))} of it. */
    public Array values() {
        return values;
    }

    public long valueStart(int index) {
        checkIndex(index);
        return rawOffset(index);
    }

    public long valueEnd(int index) {
        checkIndex(index);
        return rawOffset(index + 1);
    }

    public int valueLength(int index) {
        checkIndex(index);
        return Math.toIntExact(rawOffset(index + 1) - rawOffset(index));
    }

    private long rawOffset(int i) {
        long slot = (long) offset + i;
        return large ? offsets.get(LE.LONG, slot * 8) : offsets.get(LE.INT, slot * 4);
    }

    /** The elements of slot {@code index}, a zero-copy slice of {@link #values()}. */
    public Array value(int index) {
        long start = valueStart(index);
        return values.slice(Math.toIntExact(start), Math.toIntExact(rawOffset(index + 1) - start));
    }

    /** The offsets buffer, from the start of the underlying data. */
    public MemorySegment offsets() {
        return offsets;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : elements(value(index));
    }

    static List<Object> elements(Array array) {
        List<Object> list = new ArrayList<>(array.length());
        for (int i = 0; i < array.length(); i++) {
            list.add(array.getObject(i));
        }
        return Collections.unmodifiableList(list);
    }
}
