package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Variable-length bytes addressed by an offsets buffer: {@code binary} and {@code utf8} with
 * 32-bit offsets, {@code large_binary} and {@code large_utf8} with 64-bit offsets.
 */
public final class BinaryArray extends Array {
    private final MemorySegment offsets;
    private final MemorySegment values;
    private final boolean large;
    private final boolean utf8;

    BinaryArray(ArrayData data) {
        super(data);
        this.offsets = data.buffer(1);
        this.values = data.buffer(2);
        DataType type = Layouts.physical(data.type());
        this.large = type instanceof DataType.LargeBinary || type instanceof DataType.LargeUtf8;
        this.utf8 = type instanceof DataType.Utf8 || type instanceof DataType.LargeUtf8;
    }

    /** True for the 64-bit offset types. */
    public boolean isLarge() {
        return large;
    }

    /** True for {@code utf8} and {@code large_utf8}. */
    public boolean isUtf8() {
        return utf8;
    }

    /** The start of slot {@code index} in the values buffer. */
    public long valueStart(int index) {
        checkIndex(index);
        return rawOffset(index);
    }

    /** The end (exclusive) of slot {@code index} in the values buffer. */
    public long valueEnd(int index) {
        checkIndex(index);
        return rawOffset(index + 1);
    }

    /** The byte length of slot {@code index}. */
    public long valueLength(int index) {
        checkIndex(index);
        return rawOffset(index + 1) - rawOffset(index);
    }

    private long rawOffset(int i) {
        long slot = (long) offset + i;
        return large ? offsets.get(LE.LONG, slot * 8) : offsets.get(LE.INT, slot * 4);
    }

    /** A zero-copy view of the bytes of slot {@code index}. */
    public MemorySegment getSegment(int index) {
        long start = valueStart(index);
        return values.asSlice(start, rawOffset(index + 1) - start);
    }

    /** A copy of the bytes of slot {@code index}. */
    public byte[] getBytes(int index) {
        return getSegment(index).toArray(LE.BYTE);
    }

    /** The bytes of slot {@code index} decoded as UTF-8 (malformed input is replaced). */
    public String getString(int index) {
        return new String(getBytes(index), StandardCharsets.UTF_8);
    }

    /** The offsets buffer, from the start of the underlying data. */
    public MemorySegment offsets() {
        return offsets;
    }

    /** The values (data) buffer. */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        if (isNull(index)) {
            return null;
        }
        return utf8 ? getString(index) : getBytes(index);
    }
}
