package dev.lightstream.memory;

import java.lang.foreign.MemorySegment;

/**
 * The 64-byte alignment and padding rule that every buffer of Lightstream follows.
 *
 * <p>Arrow recommends 64-byte alignment and padding so that SIMD loops never need a scalar tail
 * and never split a cache line. Every segment an allocator of this package hands out starts at an
 * address that is a multiple of {@link #BYTES} and is {@linkplain #pad(long) padded} to a multiple of it.
 */
public final class Alignment {
    /** The alignment and padding unit: 64 bytes, one cache line. */
    public static final int BYTES = 64;

    private Alignment() {}

    /**
     * Rounds {@code byteSize} up to the next multiple of 64.
     *
     * @throws IllegalArgumentException if {@code byteSize} is negative or would overflow
     */
    public static long pad(long byteSize) {
        if (byteSize < 0 || byteSize > Long.MAX_VALUE - (BYTES - 1)) {
            throw new IllegalArgumentException("byteSize=" + byteSize + " cannot be padded to " + BYTES);
        }
        return (byteSize + (BYTES - 1)) & -BYTES;
    }

    /** Rounds {@code byteSize} up to the next multiple of {@code unit}, a power of two. */
    public static long pad(long byteSize, int unit) {
        if (unit <= 0 || Integer.bitCount(unit) != 1) {
            throw new IllegalArgumentException("unit=" + unit + " is not a power of two");
        }
        if (byteSize < 0 || byteSize > Long.MAX_VALUE - (unit - 1)) {
            throw new IllegalArgumentException("byteSize=" + byteSize + " cannot be padded to " + unit);
        }
        return (byteSize + (unit - 1)) & -(long) unit;
    }

    /** True when the segment's address is a multiple of {@code alignment} (a power of two). */
    public static boolean isAligned(MemorySegment segment, long alignment) {
        return (segment.address() & (alignment - 1)) == 0;
    }
}
