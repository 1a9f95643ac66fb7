package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The validity bitmap of a builder, materialised only when the first null arrives: an array
 * without nulls gets no bitmap at all (Arrow's "absent bitmap means all valid").
 */
final class ValidityBuilder implements AutoCloseable {
    private final BufferAllocator allocator;
    private BufferBuilder bits;
    private int nullCount;

    ValidityBuilder(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    int nullCount() {
        return nullCount;
    }

    /** Records slot {@code index} (the builder's length before the append) as valid. */
    void appendValid(int index) {
        if (bits != null) {
            grow(index);
            Bitmaps.set(bits.segment(), index, true);
        }
    }

    /** Records slot {@code index} as null, materialising the bitmap with all earlier slots valid. */
    void appendNull(int index) {
        if (bits == null) {
            bits = new BufferBuilder(allocator);
            grow(index);
            MemorySegment segment = bits.segment();
            long wholeBytes = index >>> 3;
            segment.asSlice(0, wholeBytes).fill((byte) 0xFF);
            for (long i = wholeBytes << 3; i < index; i++) {
                Bitmaps.set(segment, i, true);
            }
        } else {
            grow(index);
        }
        nullCount++;
    }

    private void grow(int index) {
        bits.setSize(Bitmaps.byteLength((long) index + 1));
    }

    /** The bitmap (handed to {@code owner}), or null when no slot was null; starts over. */
    MemorySegment finish(List<MemoryBlock> owner) {
        MemorySegment result = bits == null ? null : bits.finish(owner);
        bits = null;
        nullCount = 0;
        return result;
    }

    @Override
    public void close() {
        if (bits != null) {
            bits.close();
            bits = null;
        }
        nullCount = 0;
    }
}
