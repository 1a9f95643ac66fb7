package dev.lightstream.array;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Maps: a list (32-bit offsets) of entries, each a struct of a key and a value. Keys may repeat;
 * {@link #getObject} therefore returns a list of single-entry maps, in order.
 */
public final class MapArray extends Array {
    private final MemorySegment offsets;
    private final StructArray entries;

    MapArray(ArrayData data) {
        super(data);
        this.offsets = data.buffer(1);
        this.entries = (StructArray) Array.of(data.child(0));
    }

    /** All entries, a struct array of (key, value); slot {@code i} covers {@code [valueStart(i), valueEnd(i))}. */
    public StructArray entries() {
        return entries;
    }

    /** All keys, aligned with {@link #entries()}. */
    public Array keys() {
        return entries.field(0);
    }

    /** All values, aligned with {@link #entries()}. */
    public Array items() {
        return entries.field(1);
    }

    public int valueStart(int index) {
        checkIndex(index);
        return offsets.get(LE.INT, ((long) offset + index) * 4);
    }

    public int valueEnd(int index) {
        checkIndex(index);
        return offsets.get(LE.INT, ((long) offset + index + 1) * 4);
    }

    public int valueLength(int index) {
        return valueEnd(index) - valueStart(index);
    }

    public MemorySegment offsets() {
        return offsets;
    }

    @Override
    public Object getObject(int index) {
        if (isNull(index)) {
            return null;
        }
        Array keys = keys();
        Array values = items();
        List<Map<Object, Object>> result = new ArrayList<>();
        for (int i = valueStart(index); i < valueEnd(index); i++) {
            result.add(Collections.singletonMap(keys.getObject(i), values.getObject(i)));
        }
        return Collections.unmodifiableList(result);
    }
}
