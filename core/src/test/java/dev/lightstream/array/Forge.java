package dev.lightstream.array;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Copies of array data with one part replaced, for forging invalid input. */
final class Forge {
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Forge() {}

    /** A heap copy of {@code segment}, so that a forgery never touches the original. */
    static MemorySegment copy(MemorySegment segment) {
        return segment == null ? null : MemorySegment.ofArray(segment.toArray(ValueLayout.JAVA_BYTE));
    }

    /** A heap copy of the first {@code size} bytes (zero-extended). */
    static MemorySegment copy(MemorySegment segment, long size) {
        MemorySegment result = MemorySegment.ofArray(new byte[(int) size]);
        MemorySegment.copy(segment, 0, result, 0, Math.min(size, segment.byteSize()));
        return result;
    }

    static ArrayData withBuffer(ArrayData data, int index, MemorySegment buffer) {
        MemorySegment[] buffers = data.buffers();
        buffers[index] = buffer;
        return new ArrayData(data.type(), data.length(), data.offset(), ArrayData.UNKNOWN_NULL_COUNT, buffers,
                data.children(), data.dictionary());
    }

    /** The data with buffer {@code index} copied and passed to {@code edit}. */
    static ArrayData editBuffer(ArrayData data, int index, java.util.function.Consumer<MemorySegment> edit) {
        MemorySegment copy = copy(data.buffer(index));
        edit.accept(copy);
        return withBuffer(data, index, copy);
    }

    static ArrayData withChild(ArrayData data, int index, ArrayData child) {
        List<ArrayData> children = new ArrayList<>(data.children());
        children.set(index, child);
        return new ArrayData(data.type(), data.length(), data.offset(), data.nullCount(), data.buffers(), children,
                data.dictionary());
    }

    static ArrayData withDictionary(ArrayData data, ArrayData dictionary) {
        return new ArrayData(data.type(), data.length(), data.offset(), data.nullCount(), data.buffers(),
                data.children(), dictionary);
    }

    static ArrayData withWindow(ArrayData data, int offset, int length) {
        return new ArrayData(data.type(), length, offset, ArrayData.UNKNOWN_NULL_COUNT, data.buffers(), data.children(),
                data.dictionary());
    }

    static ArrayData withNullCount(ArrayData data, int nullCount) {
        return new ArrayData(data.type(), data.length(), data.offset(), nullCount, data.buffers(), data.children(),
                data.dictionary());
    }
}
