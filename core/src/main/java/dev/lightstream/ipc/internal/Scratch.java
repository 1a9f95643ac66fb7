package dev.lightstream.ipc.internal;

import dev.lightstream.memory.Alignment;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Bump-allocated working memory of a writer, for the few buffers it must produce itself (shifted
 * bitmaps, rebased offsets, compressed buffers): 64-byte-aligned pieces of one reused block,
 * valid until {@link #reset()}. When the block is too small a larger one replaces it; the old one
 * lives until the reset, since pieces of it may still be waiting to be written.
 */
final class Scratch implements AutoCloseable {
    private final BufferAllocator allocator;
    private MemoryBlock block;
    private long used;
    private final List<MemoryBlock> retired = new ArrayList<>();

    Scratch(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** {@code size} bytes of unspecified content, 64-byte aligned. */
    MemorySegment take(long size) {
        long padded = Alignment.pad(Math.max(size, 1));
        if (block == null || block.byteSize() - used < padded) {
            if (block != null) {
                retired.add(block);
            }
            long capacity = Math.max(padded, block == null ? 64 * 1024 : block.byteSize() * 2);
            block = allocator.allocateUninitialized(capacity);
            used = 0;
        }
        MemorySegment piece = block.segment().asSlice(used, size);
        used += padded;
        return piece;
    }

    /** Makes every piece reusable (call once the message using them is written). */
    void reset() {
        used = 0;
        for (MemoryBlock b : retired) {
            b.release();
        }
        retired.clear();
    }

    @Override
    public void close() {
        reset();
        if (block != null) {
            block.release();
            block = null;
        }
    }
}
