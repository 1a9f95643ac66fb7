package dev.lightstream.net;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The memory a batch holds, as in-flight accounting counts it: the blocks it owns (a received
 * message body, the dictionaries it uses), or, for a batch that owns none, the bytes of its buffers.
 * Shared dictionaries are counted with every batch that holds them: the count errs on the high side,
 * so a budget built on it is never exceeded.
 */
final class BatchBytes {
    private BatchBytes() {}

    /** The bytes {@code batch} holds; at least 1, so that empty batches still count against a budget. */
    static long of(RecordBatch batch) {
        long size = 0;
        if (!batch.blocks().isEmpty()) {
            for (MemoryBlock block : batch.blocks()) {
                size += block.byteSize();
            }
        } else {
            Map<ArrayData, Boolean> seen = new IdentityHashMap<>();
            for (Array column : batch.columns()) {
                size += buffers(column.data(), seen);
            }
        }
        return Math.max(size, 1);
    }

    /** What a batch of {@code bytes} takes from a budget of {@code limit}: all of it when larger. */
    static long charge(long bytes, long limit) {
        return Math.min(bytes, limit);
    }

    private static long buffers(ArrayData data, Map<ArrayData, Boolean> seen) {
        if (data == null || seen.put(data, Boolean.TRUE) != null) {
            return 0;
        }
        long size = 0;
        for (int i = 0; i < data.bufferCount(); i++) {
            MemorySegment buffer = data.buffer(i);
            if (buffer != null) {
                size += buffer.byteSize();
            }
        }
        for (ArrayData child : data.children()) {
            size += buffers(child, seen);
        }
        return size + buffers(data.dictionary(), seen);
    }
}
