package dev.lightstream.ipc.internal;

import dev.lightstream.array.ArrayData;
import java.lang.foreign.MemorySegment;

/** Byte sizes of arrays, for the dictionary size limit. */
final class ArraySizes {
    private ArraySizes() {}

    /** The bytes of every buffer of {@code data} and its children (not its dictionary). */
    static long byteSize(ArrayData data) {
        long size = 0;
        for (int i = 0; i < data.bufferCount(); i++) {
            MemorySegment buffer = data.buffer(i);
            if (buffer != null) {
                size += buffer.byteSize();
            }
        }
        for (ArrayData child : data.children()) {
            size += byteSize(child);
        }
        return size;
    }
}
