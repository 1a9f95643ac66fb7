package dev.lightstream.array;

import dev.lightstream.memory.Alignment;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A growable native byte buffer for the builders: one {@link MemoryBlock} from an allocator,
 * replaced by a block twice as large (and copied) when it fills up.
 *
 * <p>The block is zero-filled when allocated, so bytes past {@link #size()} are zero: bitmaps can
 * set bits without clearing first, and the padding of a finished buffer is zero as Arrow asks.
 */
final class BufferBuilder implements AutoCloseable {
    private final BufferAllocator allocator;
    private MemoryBlock block;
    private MemorySegment segment;
    private long size;

    BufferBuilder(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** Bytes written so far. */
    long size() {
        return size;
    }

    /** The current memory; valid until the next call that grows the buffer. */
    MemorySegment segment() {
        return segment;
    }

    /** Makes room for {@code bytes} more bytes after {@link #size()}. */
    void reserve(long bytes) {
        if (bytes < 0 || size > Long.MAX_VALUE - bytes) {
            throw new IllegalStateException("buffer of size=" + size + " cannot grow by " + bytes + " bytes");
        }
        ensureCapacity(size + bytes);
    }

    /** Makes the buffer at least {@code capacity} bytes long. */
    void ensureCapacity(long capacity) {
        long current = segment == null ? 0 : segment.byteSize();
        if (capacity <= current) {
            return;
        }
        long doubled = current > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : current * 2;
        long newCapacity = Alignment.pad(Math.max(Math.max(capacity, doubled), Alignment.BYTES));
        MemoryBlock grown = allocator.allocate(newCapacity);
        if (block != null) {
            MemorySegment.copy(segment, 0, grown.segment(), 0, size);
            block.release();
        }
        block = grown;
        segment = grown.segment();
    }

    /** Grows the written size to {@code newSize} (the new bytes are zero), reserving room first. */
    void setSize(long newSize) {
        if (newSize < size) {
            throw new IllegalStateException("buffer size=" + size + " cannot shrink to " + newSize);
        }
        ensureCapacity(newSize);
        size = newSize;
    }

    void appendByte(byte value) {
        reserve(1);
        segment.set(LE.BYTE, size, value);
        size += 1;
    }

    void appendShort(short value) {
        reserve(2);
        segment.set(LE.SHORT, size, value);
        size += 2;
    }

    void appendInt(int value) {
        reserve(4);
        segment.set(LE.INT, size, value);
        size += 4;
    }

    void appendLong(long value) {
        reserve(8);
        segment.set(LE.LONG, size, value);
        size += 8;
    }

    void appendFloat(float value) {
        reserve(4);
        segment.set(LE.FLOAT, size, value);
        size += 4;
    }

    void appendDouble(double value) {
        reserve(8);
        segment.set(LE.DOUBLE, size, value);
        size += 8;
    }

    void append(byte[] bytes, int from, int count) {
        if (count == 0) {
            return;
        }
        reserve(count);
        MemorySegment.copy(bytes, from, segment, LE.BYTE, size, count);
        size += count;
    }

    void append(MemorySegment bytes) {
        long count = bytes.byteSize();
        if (count == 0) {
            return;
        }
        reserve(count);
        MemorySegment.copy(bytes, 0, segment, size, count);
        size += count;
    }

    /** Appends {@code count} zero bytes. */
    void appendZeros(long count) {
        reserve(count);
        size += count;
    }

    int getInt(long position) {
        return segment.get(LE.INT, position);
    }

    long getLong(long position) {
        return segment.get(LE.LONG, position);
    }

    /**
     * Hands the block to {@code owner} and returns its written bytes padded to 64, then starts
     * over empty. An empty buffer still gets a (64-byte) block, so every buffer a builder makes
     * is native, aligned memory.
     */
    MemorySegment finish(List<MemoryBlock> owner) {
        if (block == null) {
            ensureCapacity(Alignment.BYTES);
        }
        MemorySegment result = segment.asSlice(0, Alignment.pad(size));
        owner.add(block);
        block = null;
        segment = null;
        size = 0;
        return result;
    }

    /** Releases the block, if any, and starts over empty. */
    @Override
    public void close() {
        if (block != null) {
            block.release();
            block = null;
            segment = null;
        }
        size = 0;
    }
}
